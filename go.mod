module github.com/manifestpatch/manifestpatch

go 1.23
