namespace GitLabLite.Controllers.Api;

public enum GoProxyRequestKind
{
    List,
    Info,
    Mod,
    Zip,
    Latest,
}
