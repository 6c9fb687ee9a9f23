namespace GitLabLite.Spec.Support;

[TestClass]
public static class AssemblyHooks
{
    [AssemblyCleanup]
    public static void Cleanup()
    {
        LiveServer.DisposeShared();
        RequestSpec.DisposeFactory();
    }
}
