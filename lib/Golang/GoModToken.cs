namespace GitLabLite.Golang;

/// <summary>One token of a go.mod line: identifier/string text, or a punctuation character (x/mod/modfile read.go).</summary>
/// <param name="Text">The raw token text (strings keep their quotes).</param>
/// <param name="Punct">The punctuation character for <c>( ) [ ] { } ,</c>, else <c>'\0'</c>.</param>
internal readonly record struct GoModToken(string Text, char Punct)
{
    public bool IsPunct(char c) => Punct == c;
}
