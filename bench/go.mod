// The benchmark programs bench/compare.sh builds, in a module of their own
// so that go install ./... at the repository root (which pre-commit runs
// to build the hooks) builds manifestpatch alone.
module github.com/manifestpatch/manifestpatch/bench

go 1.25

require github.com/manifestpatch/manifestpatch v0.0.0

require (
	github.com/tidwall/gjson v1.20.2 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
)

replace github.com/manifestpatch/manifestpatch => ../
