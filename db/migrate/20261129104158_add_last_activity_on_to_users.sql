-- The day a user was last seen (a token used, a page visited, a sign-in), as GitLab's users.last_activity_on:
-- written at most once a day per user, shown in the API, and what "dormant" means when an admin deactivates someone.
ALTER TABLE users ADD COLUMN last_activity_on date;
