// Drives GitLabLite with the unmodified @gitbeaker/rest client, as a GitLab automation script would.
// Env: GITLAB_URL (http(s)://host:port), GITLAB_TOKEN (an admin's api token). Prints one JSON summary line;
// any failed call or unexpected answer exits non-zero with the reason.
import { Gitlab } from '@gitbeaker/rest';
import assert from 'node:assert/strict';

const host = process.env.GITLAB_URL;
const admin = new Gitlab({ host, token: process.env.GITLAB_TOKEN, camelize: true });
const suffix = Date.now().toString(36);

const me = await admin.Users.showCurrentUser();
assert.equal(me.isAdmin, true, 'the token must belong to an admin');

const alice = await admin.Users.create({ username: `alice-${suffix}`, email: `alice-${suffix}@example.com`, name: 'Alice', password: 'Sup3r-secret-pass' });
assert.equal(alice.username, `alice-${suffix}`);
const found = await admin.Users.all({ username: alice.username });
assert.deepEqual(found.map((u) => u.id), [alice.id]);

const token = await admin.PersonalAccessTokens.create(alice.id, 'automation', ['api'], { expiresAt: new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10) });
assert.match(token.token, /^glpat-/);
const asAlice = new Gitlab({ host, token: token.token, camelize: true });
assert.equal((await asAlice.Users.showCurrentUser()).id, alice.id);

const group = await admin.Groups.create(`Acme ${suffix}`, `acme-${suffix}`, { visibility: 'private' });
const subgroup = await admin.Groups.create('Tools', 'tools', { parentId: group.id, visibility: 'private' });
assert.equal(subgroup.fullPath, `acme-${suffix}/tools`);
assert.equal((await admin.Groups.show(`acme-${suffix}/tools`)).id, subgroup.id);
await admin.GroupMembers.add(group.id, 30, { userId: alice.id });
assert.ok((await admin.GroupMembers.all(group.id)).some((m) => m.id === alice.id && m.accessLevel === 30));
assert.deepEqual((await admin.Groups.allSubgroups(group.id)).map((g) => g.id), [subgroup.id]);
assert.deepEqual((await admin.Groups.allDescendantGroups(group.id, {})).map((g) => g.id), [subgroup.id]);
assert.equal((await admin.GroupMembers.show(subgroup.id, alice.id, { includeInherited: true })).accessLevel, 30);

const project = await admin.Projects.create({ name: 'lib', namespaceId: subgroup.id, visibility: 'private', initializeWithReadme: true });
assert.equal(project.pathWithNamespace, `acme-${suffix}/tools/lib`);
assert.ok(project.goProxyUrl.endsWith(`/api/v4/projects/${project.id}/packages/go`));
const shown = await asAlice.Projects.show(project.pathWithNamespace);
assert.equal(shown.id, project.id, 'an inherited Developer sees the project by its full path');
const edited = await admin.Projects.edit(project.id, { description: 'Go modules' });
assert.equal(edited.description, 'Go modules');
const mine = await asAlice.Projects.all({ membership: true, pagination: 'offset', perPage: 50 });
assert.ok(mine.some((p) => p.id === project.id));

const bob = await admin.Users.create({ username: `bob-${suffix}`, email: `bob-${suffix}@example.com`, name: 'Bob', password: 'Sup3r-secret-pass' });
await admin.ProjectMembers.add(project.id, 20, { userId: bob.id });
assert.ok((await admin.ProjectMembers.all(project.id)).some((m) => m.id === bob.id && m.accessLevel === 20));
await admin.ProjectMembers.edit(project.id, bob.id, 30);
assert.equal((await admin.ProjectMembers.show(project.id, bob.id)).accessLevel, 30);
assert.ok((await admin.Groups.allProjects(group.id, { includeSubgroups: true })).some((p) => p.id === project.id));
await admin.ProjectMembers.remove(project.id, bob.id);
assert.ok(!(await admin.ProjectMembers.all(project.id)).some((m) => m.id === bob.id));

const branches = await asAlice.Branches.all(project.id);
assert.deepEqual(branches.map((b) => b.name), ['main']);

const tokens = await admin.PersonalAccessTokens.all({ userId: alice.id });
assert.ok(tokens.some((t) => t.id === token.id && t.active));
await admin.PersonalAccessTokens.remove({ tokenId: token.id });
await assert.rejects(asAlice.Users.showCurrentUser(), 'a revoked token stops working');

await admin.Projects.remove(project.id);
await assert.rejects(admin.Projects.show(project.id), 'a deleted project is gone');
await admin.Groups.remove(group.id);
await assert.rejects(admin.Groups.show(subgroup.id), 'a deleted group takes its subgroups along');

console.log(JSON.stringify({ ok: true, user: alice.id, group: group.id, project: project.id }));
