"""Drives GitLabLite with the unmodified python-gitlab client (Debian's python3-gitlab 3.12.0, pinned by bin/setup),
as a GitLab automation script would: users and their admin states, tokens, nested groups, projects, members, tags
and branches of a pushed repository, the Features API and pagination.

Env: GITLAB_URL (http(s)://host:port), GITLAB_TOKEN (an admin's api token). Run with /usr/bin/python3 (Debian's
packages are installed for the system interpreter). Prints one JSON summary line; any failed call or unexpected
answer exits non-zero with the reason.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

import gitlab
import gitlab.exceptions

URL = os.environ["GITLAB_URL"]
ADMIN_TOKEN = os.environ["GITLAB_TOKEN"]
SUFFIX = format(int(time.time() * 1000), "x")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(call, status, what):
    """The call must fail with this HTTP status (python-gitlab raises, with the server's message)."""
    try:
        call()
    except gitlab.exceptions.GitlabError as e:
        check(e.response_code == status, f"{what}: expected {status}, got {e.response_code} {e.error_message}")
        return e
    raise AssertionError(f"{what}: expected HTTP {status}, the call succeeded")


def git(*args, cwd):
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0", HOME=cwd,
               GIT_AUTHOR_NAME="Py", GIT_AUTHOR_EMAIL="py@example.com",
               GIT_COMMITTER_NAME="Py", GIT_COMMITTER_EMAIL="py@example.com")
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    check(result.returncode == 0, f"git {' '.join(args)}: {result.stderr}")
    return result.stdout


admin = gitlab.Gitlab(URL, private_token=ADMIN_TOKEN)
admin.auth()
check(admin.user.is_admin, "the token must belong to an admin")
version, _ = admin.version()
check("gitlablite" in version, f"version {version}")

# Users: create, find by username, show.
alice = admin.users.create({"username": f"alice-{SUFFIX}", "email": f"alice-{SUFFIX}@example.com",
                            "name": "Alice", "password": "Sup3r-secret-pass"})
check(alice.username == f"alice-{SUFFIX}" and alice.state == "active", f"created {alice.attributes}")
check([u.id for u in admin.users.list(username=alice.username)] == [alice.id], "users?username=")
check(admin.users.get(alice.id).email == alice.email, "admin sees the email")

# Tokens: an admin creates one for alice; alice uses it; listed by user_id.
token = alice.personal_access_tokens.create({"name": "automation", "scopes": ["api"]})
check(token.token.startswith("glpat-"), "plain token shown on creation")
as_alice = gitlab.Gitlab(URL, private_token=token.token)
as_alice.auth()
check(as_alice.user.id == alice.id, "alice's token authenticates alice")
listed = admin.personal_access_tokens.list(user_id=alice.id)
check(any(t.id == token.id and t.active for t in listed), "token listed as active")

# Groups: a group, a subgroup found by its full path, alice a Developer of the group.
group = admin.groups.create({"name": f"Acme {SUFFIX}", "path": f"acme-{SUFFIX}", "visibility": "private"})
sub = admin.groups.create({"name": "Tools", "path": "tools", "parent_id": group.id, "visibility": "private"})
check(sub.full_path == f"acme-{SUFFIX}/tools", f"subgroup {sub.full_path}")
check(admin.groups.get(f"acme-{SUFFIX}/tools").id == sub.id, "group by full path")
group.members.create({"user_id": alice.id, "access_level": gitlab.const.DEVELOPER_ACCESS})
check(any(m.id == alice.id and m.access_level == 30 for m in group.members.list()), "group member listed")

# Projects: created in the subgroup, seen by the inherited Developer, edited, found by search.
project = admin.projects.create({"name": "lib", "namespace_id": sub.id, "visibility": "private"})
check(project.path_with_namespace == f"acme-{SUFFIX}/tools/lib", project.path_with_namespace)
check(project.go_proxy_url.endswith(f"/api/v4/projects/{project.id}/packages/go"), project.go_proxy_url)
check(as_alice.projects.get(project.path_with_namespace).id == project.id, "inherited Developer sees it by path")
project.description = "Go modules"
project.save()
check(admin.projects.get(project.id).description == "Go modules", "PUT saved the description")
check([p.id for p in admin.projects.list(search="lib", get_all=True)] == [project.id], "search")
check(any(p.id == project.id for p in sub.projects.list()), "group projects")

# Members: bob added to the project as Reporter, listed, in members/all with alice (inherited), removed.
bob = admin.users.create({"username": f"bob-{SUFFIX}", "email": f"bob-{SUFFIX}@example.com",
                          "name": "Bob", "password": "Sup3r-secret-pass"})
project.members.create({"user_id": bob.id, "access_level": gitlab.const.REPORTER_ACCESS})
check(any(m.id == bob.id and m.access_level == 20 for m in project.members.list()), "project member listed")
every = {m.id: m.access_level for m in project.members_all.list(get_all=True)}
check(every.get(bob.id) == 20 and every.get(alice.id) == 30, f"members/all {every}")
project.members.delete(bob.id)
check(all(m.id != bob.id for m in project.members.list()), "member removed")

# A repository pushed over git HTTP with alice's token, then its tags and branches through the API.
with tempfile.TemporaryDirectory() as work:
    git("init", "-q", "-b", "main", cwd=work)
    with open(os.path.join(work, "go.mod"), "w") as f:
        f.write(f"module example.com/{SUFFIX}/lib\n")
    git("add", "go.mod", cwd=work)
    git("commit", "-q", "-m", "go.mod", cwd=work)
    for i in range(5):
        git("tag", f"v1.0.{i}", cwd=work)
    git("branch", "feature/x", cwd=work)
    remote = urllib.parse.urlsplit(URL)
    push = f"{remote.scheme}://alice:{token.token}@{remote.netloc}/{project.path_with_namespace}.git"
    git("push", "-q", push, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*", cwd=work)
tags = project.tags.list(get_all=True)
check(sorted(t.name for t in tags) == [f"v1.0.{i}" for i in range(5)], f"tags {[t.name for t in tags]}")
check(project.tags.get("v1.0.3").commit["id"] == tags[0].commit["id"], "tag by name")
check(sorted(b.name for b in project.branches.list()) == ["feature/x", "main"], "branches")
check(project.branches.get("feature/x").name == "feature/x", "branch with a slash by name")
check(admin.projects.get(project.id).default_branch == "main", "default branch")

# Pagination: pages of two by the Link and X-* headers, lazily and all at once.
pages = project.tags.list(per_page=2, iterator=True)
check(pages.total == 5 and pages.total_pages == 3 and pages.per_page == 2, f"X-Total {pages.total} {pages.total_pages}")
check(len([t.name for t in pages]) == 5, "the iterator follows rel=next through every page")
second = project.tags.list(per_page=2, page=2)
check(len(second) == 2 and {t.name for t in second}.isdisjoint({t.name for t in project.tags.list(per_page=2, page=1)}), "page 2")
check(len(project.tags.list(per_page=2, page=3)) == 1, "last page")
users = admin.users.list(per_page=1, iterator=True)
check(len(list(users)) == users.total >= 3, "users in pages of one")

# Features: go_proxy for this project only (python-gitlab posts to /features//go_proxy), listed, deleted.
feature = admin.features.set("go_proxy", True, project=project.path_with_namespace)
check(feature.name == "go_proxy" and feature.state == "conditional", f"feature {feature.attributes}")
check({"key": "actors", "value": [f"Project:{project.id}"]} in feature.gates, f"gates {feature.gates}")
check(any(f.name == "go_proxy" for f in admin.features.list()), "features list")
expect_error(lambda: as_alice.features.list(), 403, "features are admin only")
packages = as_alice.projects.get(project.id, lazy=True).packages.list(package_type="golang", get_all=True)
check(sorted(p.version for p in packages) == [f"v1.0.{i}" for i in range(5)], f"packages {[p.attributes for p in packages]}")
admin.features.delete("go_proxy")
check(all(f.name != "go_proxy" for f in admin.features.list()), "feature deleted")

# Admin states: block stops alice's token (403 with GitLab's reason), unblock restores it; deactivate and activate.
check(admin.users.get(alice.id).block() is True, "block answers true")
check(admin.users.get(alice.id).state == "blocked", "state blocked")
check(admin.users.get(alice.id).block() is None, "blocking a blocked user answers null")
denied = expect_error(lambda: as_alice.projects.get(project.id), 403, "a blocked user's token")
check("blocked" in str(denied.error_message), f"reason: {denied.error_message}")
expect_error(lambda: admin.users.get(alice.id).deactivate(), 403, "a blocked user cannot be deactivated")
expect_error(lambda: admin.users.get(alice.id).activate(), 403, "a blocked user must be unblocked first")
check(admin.users.get(alice.id).unblock() is True, "unblock answers true")
check(as_alice.projects.get(project.id).id == project.id, "the token works again")
expect_error(lambda: admin.users.get(admin.user.id).block(), 403, "an admin cannot block themselves")
carol = admin.users.create({"username": f"carol-{SUFFIX}", "email": f"carol-{SUFFIX}@example.com",
                            "name": "Carol", "password": "Sup3r-secret-pass"})
check(carol.deactivate() is True and admin.users.get(carol.id).state == "deactivated", "deactivate a dormant user")
expect_error(lambda: admin.users.get(carol.id).unblock(), 403, "a deactivated user is not unblocked")
check(carol.activate() is True and admin.users.get(carol.id).state == "active", "activate")
expect_error(lambda: admin.users.get(alice.id).deactivate(), 403, "alice was active today: not dormant")

# Delete: the sole owner of a group needs hard_delete; deleting ends the user's tokens.
dave = admin.users.create({"username": f"dave-{SUFFIX}", "email": f"dave-{SUFFIX}@example.com",
                           "name": "Dave", "password": "Sup3r-secret-pass"})
dave_token = dave.personal_access_tokens.create({"name": "t", "scopes": ["api"]}).token
as_dave = gitlab.Gitlab(URL, private_token=dave_token)
as_dave.groups.create({"name": "Daves", "path": f"daves-{SUFFIX}"})
expect_error(lambda: admin.users.delete(dave.id), 409, "sole owner of a group")
admin.users.delete(dave.id, hard_delete=True)
expect_error(lambda: admin.users.get(dave.id), 404, "deleted user")
expect_error(lambda: as_dave.auth(), 401, "a deleted user's token")
expect_error(lambda: admin.groups.get(f"daves-{SUFFIX}"), 404, "hard_delete removed the solely owned group")
admin.users.delete(carol.id)
expect_error(lambda: admin.users.get(carol.id), 404, "deleted user")

# Revoking alice's token ends it; deleting the project ends it too.
admin.personal_access_tokens.delete(token.id)
expect_error(lambda: as_alice.auth(), 401, "a revoked token stops working")
project.delete()
expect_error(lambda: admin.projects.get(project.id), 404, "a deleted project is gone")

print(json.dumps({"ok": True, "client": f"python-gitlab {gitlab.__version__}", "user": alice.id, "group": group.id, "project": project.id}))
sys.exit(0)
