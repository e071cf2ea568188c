package permissions

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// memo keeps what the catalog found for the permissions and resources it
// was asked about, so that each is looked up once per catalog: a check
// over many manifests of one repository asks for the same few dozen
// permissions thousands of times, from Apply (Canonical), the lints and
// the wording of its findings (Describe). A Catalog does not change once
// made, so what it found stays true. The memo is bounded: a manifest of a
// million made-up permissions is described one at a time, as without it.
//
// Descriptions are kept by the permission id as written, each with the
// resource and type it was asked with: a string key hashes in a few
// instructions, where a key of three strings took a generic hash and was
// most of what a memo hit cost.
type memo struct {
	perms     sync.Map // id as written → *memoNode
	resources sync.Map // query → memoResource
	n         atomic.Int64
}

// memoNode is one description kept under an id, and the next one kept
// under the same id (another resource or type), or nil. Nodes are not
// changed once published.
type memoNode struct {
	d    Description
	next *memoNode
}

type memoResource struct {
	r  Resource
	ok bool
}

// memoMax bounds the memo: far more permissions and resources than a
// repository's manifests name, and a few megabytes at the most.
const memoMax = 8192

// load returns the description of p kept before, if any.
func (m *memo) load(p manifest.Permission) (Description, bool) {
	v, ok := m.perms.Load(p.ID)
	if !ok {
		return Description{}, false
	}
	for n := v.(*memoNode); n != nil; n = n.next {
		if n.d.Permission == p {
			return n.d, true
		}
	}
	return Description{}, false
}

// store keeps d, the description of p, unless the memo is full or d
// carries suggestions, a slice a caller could change. What d took from p
// is copied, so that the memo keeps no caller's memory alive.
func (m *memo) store(p manifest.Permission, d Description) {
	if d.Suggestions != nil || !m.room() {
		return
	}
	d.Permission, d.Canonical = clonePermission(p), clonePermission(d.Canonical)
	d.Resource, d.Name = strings.Clone(d.Resource), strings.Clone(d.Name)
	n := &memoNode{d: d}
	for {
		v, loaded := m.perms.LoadOrStore(d.Permission.ID, n)
		if !loaded {
			return
		}
		head := v.(*memoNode)
		for o := head; o != nil; o = o.next {
			if o.d.Permission == d.Permission {
				return // kept meanwhile
			}
		}
		n.next = head
		if m.perms.CompareAndSwap(d.Permission.ID, head, n) {
			return
		}
	}
}

// room reports whether the memo may keep one more entry, and counts it.
func (m *memo) room() bool {
	return m.n.Load() < memoMax && m.n.Add(1) <= memoMax
}

func (m *memo) loadResource(q string) (Resource, bool, bool) {
	if v, ok := m.resources.Load(q); ok {
		r := v.(memoResource)
		return r.r, r.ok, true
	}
	return Resource{}, false, false
}

func (m *memo) storeResource(q string, r Resource, ok bool) {
	if m.room() {
		m.resources.LoadOrStore(strings.Clone(q), memoResource{r, ok})
	}
}

func clonePermission(p manifest.Permission) manifest.Permission {
	return manifest.Permission{ResourceAppID: strings.Clone(p.ResourceAppID), ID: strings.Clone(p.ID), Type: manifest.Type(strings.Clone(string(p.Type)))}
}
