module github.com/manifestpatch/manifestpatch

go 1.23

require github.com/google/go-cmp v0.7.0 // indirect
