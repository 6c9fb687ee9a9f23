-- Pulled .info and .mod files move into the module zip store beside the pulled .zip (issue 16): one
-- content-addressed store for every cached artifact, so they share eviction, verification and the object store
-- (a node on object storage serves them from the bucket). Each file's store key derives from the module path,
-- version and kind, so no key column is kept. go_pulled_modules stays the listing: what was pulled, from where,
-- its hashes, the verified tree, downloads. Versions pulled before this migration fetch their .info/.mod again
-- on the next request (the .mod verified against the checksum database again).
ALTER TABLE go_pulled_modules DROP COLUMN info, DROP COLUMN mod, DROP COLUMN zip_key;
