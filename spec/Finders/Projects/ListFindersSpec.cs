using GitLabLite.Finders.Projects;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Finders.Projects;

/// <summary>
/// The list finders against Postgres: who sees which projects and groups (GitLab's visibility levels, inherited
/// membership through ancestor groups, admins), the list filters, members with inherited levels, and the
/// repository state ProjectsFinder reads for the full project entity.
/// </summary>
[TestClass]
public sealed class ListFindersSpec : RequestSpec
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private User _owner = null!, _member = null!, _stranger = null!, _admin = null!;
    private Namespace _group = null!, _subgroup = null!;
    private Project _public = null!, _internal = null!, _private = null!, _deep = null!, _personal = null!;

    [TestInitialize]
    public async Task CreateWorld()
    {
        _owner = await CreateUserAsync("owner");
        _member = await CreateUserAsync("member");
        _stranger = await CreateUserAsync("stranger");
        _admin = await CreateUserAsync("boss", admin: true);
        _group = await ProjectFactory.CreateGroupAsync(Services, _owner, "top");
        _subgroup = await ProjectFactory.CreateGroupAsync(Services, _owner, "sub", _group);
        _public = await ProjectFactory.CreateProjectAsync(Services, _owner, "open", _group, Visibility.Public);
        _internal = await ProjectFactory.CreateProjectAsync(Services, _owner, "inside", _group, Visibility.Internal);
        _private = await ProjectFactory.CreateProjectAsync(Services, _owner, "secret", _group);
        _deep = await ProjectFactory.CreateProjectAsync(Services, _owner, "deep", _subgroup);
        _personal = await ProjectFactory.CreateProjectAsync(Services, _member, "mine");
        // A Developer of the top group inherits access to every project below it.
        await Get<MemberRepository>().CreateAsync("Namespace", _group.Id, _member.Id, AccessLevel.Developer, null, Ct);
    }

    [TestMethod]
    public async Task ProjectsFinder_ShowsEachCallerWhatTheirAccessAllows()
    {
        Assert.AreEqual("open", await VisibleAsync(null));
        Assert.AreEqual("inside open", await VisibleAsync(_stranger));
        Assert.AreEqual("mine deep secret inside open", await VisibleAsync(_member), "inherited through top, and the personal project");
        Assert.AreEqual("mine deep secret inside open", await VisibleAsync(_admin));
    }

    [TestMethod]
    public async Task ProjectsFinder_NarrowsByMembershipOwnershipNamespaceSearchAndVisibility()
    {
        Assert.AreEqual("mine deep secret inside open", await VisibleAsync(_member, membership: true));
        Assert.AreEqual("", await VisibleAsync(_stranger, membership: true));
        Assert.AreEqual("mine", await VisibleAsync(_member, owned: true));
        Assert.AreEqual("deep", await VisibleAsync(_member, namespaceId: _subgroup.Id));
        Assert.AreEqual("secret", await VisibleAsync(_member, search: "ECR"));
        Assert.AreEqual("inside", await VisibleAsync(_member, visibility: Visibility.Internal));
    }

    [TestMethod]
    public async Task ProjectsFinder_PagesNewestFirstWithTheTotal()
    {
        var filter = new ProjectListFilter(_admin.Id, true);
        var (page, total) = await Get<ProjectsFinder>().ListAsync(filter, 1, 2, Ct);
        Assert.AreEqual(5, total);
        CollectionAssert.AreEqual(new[] { "deep", "secret" }, page.Select(p => p.Path).ToArray());
        Assert.IsTrue(page.All(p => p.EmptyRepo is null), "a plain list does not read repositories");
    }

    [TestMethod]
    public async Task ProjectsFinder_WithRepositoryState_ReadsWhetherEachRepositoryHasABranch()
    {
        using var fixture = await GitFixture.CreateAsync();
        await fixture.CommitAsync("go.mod", "module example.com/open\n");
        await fixture.PushToAsync(Get<RepositoryStorage>().PathFor(_public.FullPath));
        var (page, _) = await Get<ProjectsFinder>().ListWithRepositoryStateAsync(new ProjectListFilter(null, false), 0, 20, Ct);
        Assert.AreEqual(false, page.Single().EmptyRepo);
        Assert.AreEqual(true, Get<ProjectsFinder>().WithRepositoryState(_private).EmptyRepo);
    }

    [TestMethod]
    public async Task GroupsFinder_ShowsPrivateGroupsToMembersOfTheGroupOrAnAncestor()
    {
        Assert.AreEqual("", await GroupsAsync(AuthenticationResult.Anonymous));
        Assert.AreEqual("", await GroupsAsync(Caller(_stranger)));
        Assert.AreEqual("top top/sub", await GroupsAsync(Caller(_member)), "a member of top sees top/sub too");
        Assert.AreEqual("top top/sub", await GroupsAsync(Caller(_admin)));
        Assert.AreEqual("top/sub", await GroupsAsync(Caller(_member), "su"));
        Assert.AreEqual("top/sub", await GroupsAsync(Caller(_member), "", 1), "an empty search is no search");
    }

    [TestMethod]
    public async Task MembersFinder_ListsDirectMembersOrEveryoneWithTheHighestInheritedLevel()
    {
        var members = Get<MembersFinder>();
        await ProjectFactory.AddMemberAsync(Services, _deep, _stranger, AccessLevel.Reporter);
        await ProjectFactory.AddMemberAsync(Services, _deep, _member, AccessLevel.Maintainer);
        await Get<MemberRepository>().CreateAsync("Namespace", _subgroup.Id, _admin.Id, AccessLevel.Guest, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), Ct);

        var (direct, directTotal) = await members.ListAsync(MemberSource.Project(_deep.Id), inherited: false, 0, 20, Ct);
        Assert.AreEqual(2, directTotal);
        Assert.AreEqual("stranger:20 member:40", Describe(direct), "in membership order");

        var (all, allTotal) = await members.ListAsync(MemberSource.Project(_deep.Id), inherited: true, 0, 20, Ct);
        Assert.AreEqual(3, allTotal, "the expired Guest of sub is left out");
        Assert.AreEqual("owner:50 member:40 stranger:20", Describe(all), "member's direct Maintainer beats the inherited Developer");

        var (personal, _) = await members.ListAsync(MemberSource.Project(_personal.Id), inherited: true, 0, 20, Ct);
        Assert.AreEqual("member:50", Describe(personal), "the personal namespace's owner as its direct Owner; nothing inherited");

        var (groupAll, groupAllTotal) = await members.ListAsync(MemberSource.Group(_subgroup.Id), inherited: true, 0, 20, Ct);
        Assert.AreEqual(2, groupAllTotal, "sub has no unexpired member of its own; top's two are inherited");
        Assert.AreEqual("owner:50 member:30", Describe(groupAll));

        Assert.AreEqual(40, (await members.FindAsync(MemberSource.Project(_deep.Id), _member.Id, inherited: true, Ct))!.AccessLevel);
        Assert.AreEqual(30, (await members.FindAsync(MemberSource.Group(_subgroup.Id), _member.Id, inherited: true, Ct))!.AccessLevel);
        Assert.IsNull(await members.FindAsync(MemberSource.Group(_subgroup.Id), _member.Id, inherited: false, Ct), "not a direct member of sub");
        Assert.IsNull(await members.FindAsync(MemberSource.Group(_subgroup.Id), _admin.Id, inherited: true, Ct), "expired");
    }

    [TestMethod]
    public async Task GroupsFinder_ListsChildrenOrEveryDescendantOfAGroup()
    {
        var leaf = await ProjectFactory.CreateGroupAsync(Services, _owner, "leaf", _subgroup);
        await ProjectFactory.CreateGroupAsync(Services, _owner, "elsewhere");
        Assert.AreEqual("top/sub", await GroupsAsync(Caller(_member), parentId: _group.Id));
        Assert.AreEqual("top/sub top/sub/leaf", await GroupsAsync(Caller(_member), ancestorId: _group.Id));
        Assert.AreEqual("top/sub/leaf", await GroupsAsync(Caller(_member), ancestorId: _subgroup.Id));
        Assert.AreEqual("", await GroupsAsync(Caller(_stranger), ancestorId: _group.Id), "private groups stay hidden");
        Assert.AreEqual("", await GroupsAsync(Caller(_member), parentId: leaf.Id));
    }

    [TestMethod]
    public async Task ProjectsFinder_IncludeSubgroups_AddsTheProjectsOfEveryGroupBelow()
    {
        var leaf = await ProjectFactory.CreateGroupAsync(Services, _owner, "leaf", _subgroup);
        await ProjectFactory.CreateProjectAsync(Services, _owner, "bottom", leaf);
        Assert.AreEqual("secret inside open", await VisibleAsync(_member, namespaceId: _group.Id));
        Assert.AreEqual("bottom deep secret inside open", await VisibleAsync(_member, namespaceId: _group.Id, includeSubgroups: true));
        Assert.AreEqual("bottom deep", await VisibleAsync(_member, namespaceId: _subgroup.Id, includeSubgroups: true));
        Assert.AreEqual("inside open", await VisibleAsync(_stranger, namespaceId: _group.Id, includeSubgroups: true));
    }

    private async Task<string> VisibleAsync(User? user, bool membership = false, bool owned = false, long? namespaceId = null,
        string? search = null, Visibility? visibility = null, bool includeSubgroups = false)
    {
        var filter = new ProjectListFilter(user?.Id, user?.Admin ?? false, search, namespaceId, membership, owned, (int?)visibility, includeSubgroups);
        var (page, total) = await Get<ProjectsFinder>().ListAsync(filter, 0, 20, Ct);
        Assert.AreEqual(page.Count, total);
        return string.Join(' ', page.Select(p => p.Path));
    }

    private static async Task<string> GroupsAsync(AuthenticationResult caller, string? search = null, int offset = 0, long? parentId = null, long? ancestorId = null)
    {
        var filter = new GroupListFilter(caller.User?.Id, caller.IsAdmin, search, parentId, ancestorId);
        var (page, total) = await Get<GroupsFinder>().ListAsync(filter, offset, 20, Ct);
        Assert.AreEqual(page.Count + offset, total);
        return string.Join(' ', page.Select(g => g.FullPath));
    }

    private static AuthenticationResult Caller(User user) => AuthenticationResult.ForSession(user);

    private static string Describe(IEnumerable<MemberUser> members) =>
        string.Join(' ', members.Select(m => $"{m.Username}:{m.AccessLevel}"));
}
