package store

// Exported for the external tests of this package only.
var (
	MigrationsFS = migrations
	SQLiteDSN    = sqliteDSN
)
