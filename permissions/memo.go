package permissions

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// memo keeps the descriptions Describe has made, so that each permission
// is looked up once per catalog: a check over many manifests of one
// repository asks for the same few dozen permissions thousands of times,
// from Apply (Canonical), the lints and the wording of its findings
// (Describe). A Catalog does not change once made, so a description
// stays true. The memo is bounded: a manifest of a million made-up
// permissions is described one at a time, as without it.
type memo struct {
	m sync.Map     // manifest.Permission, as written → Description
	n atomic.Int64 // entries in m
}

// memoMax bounds the memo: far more permissions than a repository's
// manifests list, and a few megabytes at the most.
const memoMax = 8192

// load returns the description of p made before, if any.
func (m *memo) load(p manifest.Permission) (Description, bool) {
	if v, ok := m.m.Load(p); ok {
		return v.(Description), true
	}
	return Description{}, false
}

// store keeps d, the description of p, unless the memo is full or d
// carries suggestions, a slice a caller could change. What d took from p
// is copied, so that the memo keeps no caller's memory alive.
func (m *memo) store(p manifest.Permission, d Description) {
	if d.Suggestions != nil || m.n.Load() >= memoMax {
		return
	}
	p = clonePermission(p)
	d.Permission, d.Canonical = p, clonePermission(d.Canonical)
	d.Resource, d.Name = strings.Clone(d.Resource), strings.Clone(d.Name)
	if _, loaded := m.m.LoadOrStore(p, d); !loaded {
		m.n.Add(1)
	}
}

func clonePermission(p manifest.Permission) manifest.Permission {
	return manifest.Permission{ResourceAppID: strings.Clone(p.ResourceAppID), ID: strings.Clone(p.ID), Type: manifest.Type(strings.Clone(string(p.Type)))}
}
