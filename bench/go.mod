// The benchmark programs bench/compare.sh builds, in a module of their own
// so that go install ./... at the repository root (which pre-commit runs
// to build the hooks) builds manifestpatch alone.
module github.com/manifestpatch/manifestpatch/bench

go 1.25

require github.com/manifestpatch/manifestpatch v0.0.0

replace github.com/manifestpatch/manifestpatch => ../
