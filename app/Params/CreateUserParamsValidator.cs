using FluentValidation;
using GitLabLite.Models.Users;

namespace GitLabLite.Params;

public sealed class CreateUserParamsValidator : AbstractValidator<CreateUserParams>
{
    public const int MaxLength = 255;

    // Devise's default email regexp: something@something, no whitespace.
    private const string EmailFormat = @"\A[^@\s]+@[^@\s]+\z";

    public CreateUserParamsValidator()
    {
        RuleFor(p => p.Username).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("can't be blank")
            .Must(u => Username.HasValidFormat(u!))
            .WithMessage("can contain only letters, digits, '_', '-' and '.'. Cannot start with '-' or end in '.', '.git' or '.atom'. At most 255 characters.")
            .Must(u => !Username.IsReserved(u!))
            .WithMessage("is a reserved name");
        RuleFor(p => p.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("can't be blank")
            .MaximumLength(MaxLength).WithMessage("is too long (maximum is 255 characters)")
            .Matches(EmailFormat).WithMessage("is invalid");
        RuleFor(p => p.Name).NotEmpty().WithMessage("can't be blank")
            .MaximumLength(MaxLength).WithMessage("is too long (maximum is 255 characters)");
        // Devise's password length, as GitLab's default settings.
        RuleFor(p => p.Password).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("can't be blank")
            .Length(8, 128).WithMessage("must be between 8 and 128 characters");
    }
}
