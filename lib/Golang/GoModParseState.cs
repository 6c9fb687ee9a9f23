namespace GitLabLite.Golang;

/// <summary>Mutable accumulator for <see cref="GoModFile.Parse(string)"/>: modfile.(*File).add in lax mode.</summary>
internal sealed class GoModParseState
{
    public string? ModulePath { get; private set; }

    public string? GoVersion { get; private set; }

    public string? Error { get; set; }

    private bool _sawModule;

    public void Add(int line, string verb, List<GoModToken> args)
    {
        switch (verb)
        {
            case "module":
                if (_sawModule)
                {
                    Fail(line, "repeated module statement");
                    return;
                }
                _sawModule = true;
                if (args.Count != 1)
                {
                    Fail(line, "usage: module module/path");
                    return;
                }
                var path = GoModFile.ParseString(args[0]);
                if (path is null)
                {
                    Fail(line, "invalid quoted string");
                    return;
                }
                ModulePath = path;
                return;
            case "go":
                if (GoVersion is not null)
                {
                    Fail(line, "repeated go statement");
                    return;
                }
                if (args.Count != 1 || args[0].Punct != '\0')
                {
                    Fail(line, "go directive expects exactly one argument");
                    return;
                }
                var v = args[0].Text;
                if (!GoModFile.GoVersionRegex().IsMatch(v))
                {
                    // ParseLax repairs versions like "1.21.x" to "1.21" (modfile laxGoVersionRE).
                    var m = GoModFile.LaxGoVersionRegex().Match(v);
                    if (!m.Success)
                    {
                        Fail(line, $"invalid go version '{v}': must match format 1.23.0");
                        return;
                    }
                    v = m.Groups[1].Value;
                }
                GoVersion = v;
                return;
            case "require":
                AddRequire(line, args);
                return;
            case "retract":
                AddRetract(line, args);
                return;
            case "ignore":
                if (args.Count != 1 || GoModFile.ParseString(args[0]) is null)
                {
                    Fail(line, "ignore directive expects exactly one argument");
                }
                return;
            default:
                // ParseLax ignores every other directive, known or not.
                return;
        }
    }

    private void AddRequire(int line, List<GoModToken> args)
    {
        if (args.Count != 2)
        {
            Fail(line, "usage: require module/path v1.2.3");
            return;
        }
        var path = GoModFile.ParseString(args[0]);
        if (path is null)
        {
            Fail(line, "invalid quoted string");
            return;
        }
        var v = GoModFile.ParseString(args[1]);
        var canonical = ModuleVersionRules.Canonical(v);
        if (canonical.Length == 0)
        {
            Fail(line, $"require {path}: version {GoString.Quote(v ?? "")} invalid: must be of the form v1.2.3");
            return;
        }
        if (Golang.ModulePath.SplitPathVersion(path) is not { } split)
        {
            Fail(line, $"invalid module path {GoString.Quote(path)}");
            return;
        }
        var err = Golang.ModulePath.CheckPathMajor(canonical, split.PathMajor);
        if (err is not null)
        {
            Fail(line, $"require {path}: {err}");
        }
    }

    private void AddRetract(int line, List<GoModToken> args)
    {
        // retract vX | retract [vLow, vHigh] (modfile parseVersionInterval).
        var ok = args.Count switch
        {
            1 => GoModFile.IsValidModuleVersion(args[0]),
            5 => args[0].IsPunct('[') && GoModFile.IsValidModuleVersion(args[1]) && args[2].IsPunct(',')
                 && GoModFile.IsValidModuleVersion(args[3]) && args[4].IsPunct(']'),
            _ => false,
        };
        if (!ok)
        {
            Fail(line, "usage: retract version | retract [low, high]");
        }
    }

    private void Fail(int line, string message) => Error ??= $"go.mod:{line}: {message}";
}
