// Command drive drives GitLabLite with the unmodified go-gitlab client (github.com/xanzy/go-gitlab 0.73.1, Debian's
// golang-github-xanzy-go-gitlab-dev, pinned by bin/setup, built in GOPATH mode against /usr/share/gocode) as a Go
// team's automation would: users and their admin states, tokens, nested groups, projects, members, tags and branches
// of a pushed repository, the Features API, the packages API and pagination. go-gitlab decodes every answer into
// typed structs, so a field of the wrong JSON type (a date as a number, an id as a string) fails here.
//
// Env: GITLAB_URL (http(s)://host:port), GITLAB_TOKEN (an admin's api token). Prints one JSON summary line; any failed
// call or unexpected answer exits 1 with the reason.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/xanzy/go-gitlab"
)

var (
	baseURL = os.Getenv("GITLAB_URL")
	suffix  = fmt.Sprintf("%x", time.Now().UnixMilli())
)

func check(condition bool, format string, args ...interface{}) {
	if !condition {
		fmt.Fprintf(os.Stderr, "FAILED: "+format+"\n", args...)
		os.Exit(1)
	}
}

func must(err error, what string) {
	check(err == nil, "%s: %v", what, err)
}

// status is the HTTP status of a failed call (go-gitlab's ErrorResponse), or 0.
func status(err error) int {
	var e *gitlab.ErrorResponse
	if errors.As(err, &e) {
		return e.Response.StatusCode
	}
	return 0
}

func expectStatus(err error, want int, what string) {
	check(err != nil && status(err) == want, "%s: expected HTTP %d, got %v", what, want, err)
}

func client(token string) *gitlab.Client {
	c, err := gitlab.NewClient(token, gitlab.WithBaseURL(baseURL+"/api/v4"))
	must(err, "client")
	return c
}

// hardDelete adds hard_delete=true, which go-gitlab 0.73's DeleteUser has no option for.
func hardDelete(req *retryablehttp.Request) error {
	q := req.URL.Query()
	q.Set("hard_delete", "true")
	req.URL.RawQuery = q.Encode()
	return nil
}

func git(dir string, args ...string) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0", "HOME="+dir,
		"GIT_AUTHOR_NAME=Go", "GIT_AUTHOR_EMAIL=go@example.com", "GIT_COMMITTER_NAME=Go", "GIT_COMMITTER_EMAIL=go@example.com")
	out, err := cmd.CombinedOutput()
	check(err == nil, "git %s: %v\n%s", strings.Join(args, " "), err, out)
}

func createUser(admin *gitlab.Client, name string) *gitlab.User {
	user, _, err := admin.Users.CreateUser(&gitlab.CreateUserOptions{
		Username: gitlab.String(name + "-" + suffix), Email: gitlab.String(name + "-" + suffix + "@example.com"),
		Name: gitlab.String(name), Password: gitlab.String("Sup3r-secret-pass"), SkipConfirmation: gitlab.Bool(true),
	})
	must(err, "create user "+name)
	return user
}

func main() {
	admin := client(os.Getenv("GITLAB_TOKEN"))
	me, _, err := admin.Users.CurrentUser()
	must(err, "GET /user")
	check(me.IsAdmin, "the token must belong to an admin")
	version, _, err := admin.Version.GetVersion()
	must(err, "GET /version")
	check(strings.Contains(version.Version, "gitlablite"), "version %q", version.Version)

	// Users: create, find by username, show.
	alice := createUser(admin, "alice")
	check(alice.State == "active" && alice.CreatedAt != nil, "created %+v", alice)
	found, _, err := admin.Users.ListUsers(&gitlab.ListUsersOptions{Username: gitlab.String(alice.Username)})
	must(err, "users?username=")
	check(len(found) == 1 && found[0].ID == alice.ID, "users?username= found %d", len(found))
	shown, _, err := admin.Users.GetUser(alice.ID, gitlab.GetUsersOptions{})
	must(err, "GET /users/:id")
	check(shown.Email == alice.Email, "admin sees the email")

	// Tokens: an admin creates one for alice; alice uses it; listed by user_id with a date expiry.
	token, _, err := admin.Users.CreatePersonalAccessToken(alice.ID, &gitlab.CreatePersonalAccessTokenOptions{
		Name: gitlab.String("automation"), Scopes: &[]string{"api"},
	})
	must(err, "create token")
	check(strings.HasPrefix(token.Token, "glpat-") && token.ExpiresAt != nil, "token %+v", token)
	asAlice := client(token.Token)
	who, _, err := asAlice.Users.CurrentUser()
	must(err, "alice's GET /user")
	check(who.ID == alice.ID, "alice's token authenticates alice")
	tokens, _, err := admin.PersonalAccessTokens.ListPersonalAccessTokens(&gitlab.ListPersonalAccessTokensOptions{UserID: gitlab.Int(alice.ID)})
	must(err, "list tokens")
	check(len(tokens) == 1 && tokens[0].ID == token.ID && tokens[0].Active, "tokens %+v", tokens)

	// Groups: a group, a subgroup found by its full path, alice a Developer of the group.
	group, _, err := admin.Groups.CreateGroup(&gitlab.CreateGroupOptions{
		Name: gitlab.String("Acme " + suffix), Path: gitlab.String("acme-" + suffix), Visibility: gitlab.Visibility(gitlab.PrivateVisibility),
	})
	must(err, "create group")
	sub, _, err := admin.Groups.CreateGroup(&gitlab.CreateGroupOptions{
		Name: gitlab.String("Tools"), Path: gitlab.String("tools"), ParentID: gitlab.Int(group.ID), Visibility: gitlab.Visibility(gitlab.PrivateVisibility),
	})
	must(err, "create subgroup")
	check(sub.FullPath == "acme-"+suffix+"/tools" && sub.ParentID == group.ID, "subgroup %s parent %d", sub.FullPath, sub.ParentID)
	byPath, _, err := admin.Groups.GetGroup(sub.FullPath, nil)
	must(err, "group by full path")
	check(byPath.ID == sub.ID, "group by full path")
	_, _, err = admin.GroupMembers.AddGroupMember(group.ID, &gitlab.AddGroupMemberOptions{UserID: gitlab.Int(alice.ID), AccessLevel: gitlab.AccessLevel(gitlab.DeveloperPermissions)})
	must(err, "add group member")
	groupMembers, _, err := admin.Groups.ListGroupMembers(group.ID, nil)
	must(err, "group members")
	check(hasMember(groupMembers, alice.ID, gitlab.DeveloperPermissions), "group member listed")

	// Projects: created in the subgroup, seen by the inherited Developer, edited, found by search.
	project, _, err := admin.Projects.CreateProject(&gitlab.CreateProjectOptions{
		Name: gitlab.String("lib"), NamespaceID: gitlab.Int(sub.ID), Visibility: gitlab.Visibility(gitlab.PrivateVisibility),
	})
	must(err, "create project")
	check(project.PathWithNamespace == "acme-"+suffix+"/tools/lib" && project.Namespace.ID == sub.ID, "project %s", project.PathWithNamespace)
	seen, _, err := asAlice.Projects.GetProject(project.PathWithNamespace, nil)
	must(err, "inherited Developer gets the project by path")
	check(seen.ID == project.ID, "project by path")
	_, _, err = admin.Projects.EditProject(project.ID, &gitlab.EditProjectOptions{Description: gitlab.String("Go modules")})
	must(err, "edit project")
	edited, _, err := admin.Projects.GetProject(project.ID, nil)
	must(err, "get project")
	check(edited.Description == "Go modules", "PUT saved the description")
	searched, _, err := admin.Projects.ListProjects(&gitlab.ListProjectsOptions{Search: gitlab.String("lib")})
	must(err, "search projects")
	check(len(searched) == 1 && searched[0].ID == project.ID, "search found %d", len(searched))

	// Members: bob added to the project as Reporter, in members/all with alice (inherited), removed.
	bob := createUser(admin, "bob")
	_, _, err = admin.ProjectMembers.AddProjectMember(project.ID, &gitlab.AddProjectMemberOptions{UserID: bob.ID, AccessLevel: gitlab.AccessLevel(gitlab.ReporterPermissions)})
	must(err, "add project member")
	all, _, err := admin.ProjectMembers.ListAllProjectMembers(project.ID, nil)
	must(err, "members/all")
	levels := map[int]gitlab.AccessLevelValue{}
	for _, m := range all {
		levels[m.ID] = m.AccessLevel
	}
	check(levels[bob.ID] == gitlab.ReporterPermissions && levels[alice.ID] == gitlab.DeveloperPermissions, "members/all %v", levels)
	_, err = admin.ProjectMembers.DeleteProjectMember(project.ID, bob.ID)
	must(err, "remove member")
	direct, _, err := admin.ProjectMembers.ListProjectMembers(project.ID, nil)
	must(err, "members")
	for _, m := range direct {
		check(m.ID != bob.ID, "member removed")
	}

	// A repository pushed over git HTTP with alice's token, then its tags and branches through the API.
	work, err := os.MkdirTemp("", "go-gitlab-")
	must(err, "temp dir")
	defer os.RemoveAll(work)
	git(work, "init", "-q", "-b", "main")
	must(os.WriteFile(filepath.Join(work, "go.mod"), []byte("module example.com/"+suffix+"/lib\n"), 0o644), "go.mod")
	git(work, "add", "go.mod")
	git(work, "commit", "-q", "-m", "go.mod")
	for i := 0; i < 5; i++ {
		git(work, "tag", fmt.Sprintf("v1.0.%d", i))
	}
	git(work, "branch", "feature/x")
	remote, err := url.Parse(baseURL)
	must(err, "GITLAB_URL")
	remote.User = url.UserPassword("alice", token.Token)
	remote.Path = "/" + project.PathWithNamespace + ".git"
	git(work, "push", "-q", remote.String(), "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*")

	tags, _, err := admin.Tags.ListTags(project.ID, nil)
	must(err, "tags")
	names := []string{}
	for _, t := range tags {
		names = append(names, t.Name)
		check(t.Commit != nil && t.Commit.CommittedDate != nil, "tag %s carries its commit with dates", t.Name)
	}
	sort.Strings(names)
	check(strings.Join(names, ",") == "v1.0.0,v1.0.1,v1.0.2,v1.0.3,v1.0.4", "tags %v", names)
	tag, _, err := admin.Tags.GetTag(project.ID, "v1.0.3")
	must(err, "tag by name")
	check(tag.Commit.ID == tags[0].Commit.ID, "tag by name")
	branches, _, err := admin.Branches.ListBranches(project.ID, nil)
	must(err, "branches")
	check(len(branches) == 2, "branches %d", len(branches))
	branch, _, err := admin.Branches.GetBranch(project.ID, "feature/x")
	must(err, "branch with a slash")
	check(branch.Name == "feature/x" && branch.Commit.ID == tag.Commit.ID, "branch %+v", branch)
	edited, _, err = admin.Projects.GetProject(project.ID, nil)
	must(err, "get project")
	check(edited.DefaultBranch == "main", "default branch %q", edited.DefaultBranch)

	// Pagination: pages of two by the X-* headers, following NextPage to the end.
	pageNames := []string{}
	opt := &gitlab.ListTagsOptions{ListOptions: gitlab.ListOptions{PerPage: 2, Page: 1}}
	for pages := 0; ; pages++ {
		page, resp, err := admin.Tags.ListTags(project.ID, opt)
		must(err, "tags page")
		check(resp.TotalItems == 5 && resp.TotalPages == 3 && resp.ItemsPerPage == 2 && resp.CurrentPage == opt.Page, "page headers %+v", resp)
		for _, t := range page {
			pageNames = append(pageNames, t.Name)
		}
		if resp.NextPage == 0 {
			check(pages == 2 && len(page) == 1, "last page after %d pages holds %d", pages, len(page))
			break
		}
		opt.Page = resp.NextPage
	}
	sort.Strings(pageNames)
	check(strings.Join(pageNames, ",") == strings.Join(names, ","), "pages %v", pageNames)

	// Features: go_proxy on, listed, admin only; the packages API then lists the module's versions.
	feature, _, err := admin.Features.SetFeatureFlag("go_proxy", true)
	must(err, "set feature")
	check(feature.Name == "go_proxy" && feature.State == "on", "feature %+v", feature)
	features, _, err := admin.Features.ListFeatures()
	must(err, "features")
	listed := false
	for _, f := range features {
		listed = listed || f.Name == "go_proxy"
	}
	check(listed, "go_proxy listed")
	_, _, err = asAlice.Features.ListFeatures()
	expectStatus(err, http.StatusForbidden, "features are admin only")
	packages, _, err := asAlice.Packages.ListProjectPackages(project.ID, &gitlab.ListProjectPackagesOptions{PackageType: gitlab.String("golang")})
	must(err, "packages")
	check(len(packages) == 5 && packages[0].PackageType == "golang" && packages[0].CreatedAt != nil, "packages %d", len(packages))
	_, _, err = admin.Features.SetFeatureFlag("go_proxy", false)
	must(err, "feature off")

	// Admin states: block stops alice's token, unblock restores it; deactivate and activate a dormant user.
	must(admin.Users.BlockUser(alice.ID), "block")
	blocked, _, err := admin.Users.GetUser(alice.ID, gitlab.GetUsersOptions{})
	must(err, "get blocked user")
	check(blocked.State == "blocked", "state %s", blocked.State)
	_, _, err = asAlice.Projects.GetProject(project.ID, nil)
	expectStatus(err, http.StatusForbidden, "a blocked user's token")
	check(strings.Contains(err.Error(), "blocked"), "reason: %v", err)
	check(errors.Is(admin.Users.DeactivateUser(alice.ID), gitlab.ErrUserDeactivatePrevented), "a blocked user cannot be deactivated")
	must(admin.Users.UnblockUser(alice.ID), "unblock")
	_, _, err = asAlice.Projects.GetProject(project.ID, nil)
	must(err, "the token works again")
	check(errors.Is(admin.Users.BlockUser(me.ID), gitlab.ErrUserBlockPrevented), "an admin cannot block themselves")
	carol := createUser(admin, "carol")
	must(admin.Users.DeactivateUser(carol.ID), "deactivate a dormant user")
	check(errors.Is(admin.Users.UnblockUser(carol.ID), gitlab.ErrUserUnblockPrevented), "a deactivated user is not unblocked")
	must(admin.Users.ActivateUser(carol.ID), "activate")
	check(errors.Is(admin.Users.DeactivateUser(alice.ID), gitlab.ErrUserDeactivatePrevented), "alice was active today: not dormant")

	// Delete: the sole owner of a group needs hard_delete; deleting ends the user's tokens.
	dave := createUser(admin, "dave")
	daveToken, _, err := admin.Users.CreatePersonalAccessToken(dave.ID, &gitlab.CreatePersonalAccessTokenOptions{Name: gitlab.String("t"), Scopes: &[]string{"api"}})
	must(err, "dave's token")
	asDave := client(daveToken.Token)
	_, _, err = asDave.Groups.CreateGroup(&gitlab.CreateGroupOptions{Name: gitlab.String("Daves"), Path: gitlab.String("daves-" + suffix)})
	must(err, "dave's group")
	_, err = admin.Users.DeleteUser(dave.ID)
	expectStatus(err, http.StatusConflict, "sole owner of a group")
	_, err = admin.Users.DeleteUser(dave.ID, hardDelete)
	must(err, "hard delete")
	_, _, err = admin.Users.GetUser(dave.ID, gitlab.GetUsersOptions{})
	expectStatus(err, http.StatusNotFound, "deleted user")
	_, _, err = asDave.Users.CurrentUser()
	expectStatus(err, http.StatusUnauthorized, "a deleted user's token")
	_, _, err = admin.Groups.GetGroup("daves-"+suffix, nil)
	expectStatus(err, http.StatusNotFound, "hard_delete removed the solely owned group")

	// Revoking alice's token ends it; deleting the project ends it too.
	_, err = admin.PersonalAccessTokens.RevokePersonalAccessToken(token.ID)
	must(err, "revoke")
	_, _, err = asAlice.Users.CurrentUser()
	expectStatus(err, http.StatusUnauthorized, "a revoked token stops working")
	_, err = admin.Projects.DeleteProject(project.ID)
	must(err, "delete project")
	_, _, err = admin.Projects.GetProject(project.ID, nil)
	expectStatus(err, http.StatusNotFound, "a deleted project is gone")

	summary, _ := json.Marshal(map[string]interface{}{"ok": true, "client": "go-gitlab 0.73.1", "user": alice.ID, "group": group.ID, "project": project.ID})
	fmt.Println(string(summary))
}

func hasMember(members []*gitlab.GroupMember, id int, level gitlab.AccessLevelValue) bool {
	for _, m := range members {
		if m.ID == id && m.AccessLevel == level {
			return true
		}
	}
	return false
}
