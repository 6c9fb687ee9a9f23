// Request specs share one database; run specs one at a time.
[assembly: DoNotParallelize]
