namespace GitLabLite.Golang;

/// <summary>A value, or the reason there is none, worded as the go command words it (shown to users by `go`).</summary>
public readonly record struct GoResult<T>(T? Value, string? Error)
{
    public static GoResult<T> Ok(T value) => new(value, null);

    public static GoResult<T> Fail(string error) => new(default, error);
}
