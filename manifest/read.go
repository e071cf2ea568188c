package manifest

// Read and what it returns.

// RequiredResourceAccess is the name of the member this package edits.
const RequiredResourceAccess = "requiredResourceAccess"

// Container says what holds a document's requiredResourceAccess list.
type Container int

const (
	// ObjectMember: the list is a member of the top-level object, as in a
	// manifest, an application object or a request body.
	ObjectMember Container = iota
	// BareArray: the list is the top-level value, the form
	// `az ad app update --required-resource-accesses @file` takes.
	BareArray
	// Snippet: the list is the value of a requiredResourceAccess member
	// standing alone, `"requiredResourceAccess": [ … ]` with or without a
	// trailing comma, as the setup guide prints it. Only ReadSnippet takes
	// it: it is not a JSON document.
	Snippet
)

// Manifest is what Read finds in a document.
type Manifest struct {
	Container Container
	// Present is false when a top-level object has no requiredResourceAccess
	// member or its value is null.
	Present bool
	// Resources lists the entries as they stand, duplicates included.
	Resources []Resource
	// Positions says where each entry's resourceAppId and each permission's
	// id value start, parallel to Resources.
	Positions []EntryPosition
	// Setup is what the document says besides its permissions.
	Setup Setup
}

// EntryPosition is where the values of one requiredResourceAccess entry
// start.
type EntryPosition struct {
	ResourceAppID Position
	IDs           []Position // one per permission
}

// Read parses src and returns its requiredResourceAccess. It checks the whole
// document: src must be valid JSON whose top-level value is an object or an
// array, and requiredResourceAccess must have the documented shape.
//
// A requiredResourceAccess member on its own (Snippet) is not a document:
// Read refuses it with a *SyntaxError wrapping ErrSnippet; ReadSnippet
// takes it.
func Read(src []byte) (Manifest, error) {
	return read(src, false)
}

// ReadSnippet is Read that also takes a requiredResourceAccess member on its
// own, as the setup guide prints it and people store it:
// `"requiredResourceAccess": [ … ]`, with or without the trailing comma
// copied with it. It reads a list of wanted permissions from whatever
// holds one.
func ReadSnippet(src []byte) (Manifest, error) {
	return read(src, true)
}

func read(src []byte, snippet bool) (Manifest, error) {
	d, err := parseAny(src, snippet)
	if err != nil {
		return Manifest{}, err
	}
	defer d.release()
	return d.manifest(), nil
}

// manifest returns what the document holds, as Read reports it.
func (d *document) manifest() Manifest {
	m := Manifest{Container: d.container, Present: d.rra != nil, Setup: d.setup()}
	if len(d.entries) == 0 {
		return m
	}
	m.Resources, m.Positions = make([]Resource, 0, len(d.entries)), make([]EntryPosition, 0, len(d.entries))
	n := len(d.entries)
	for _, e := range d.entries {
		n += len(e.accesses)
	}
	offs := make([]int, 0, n)
	for _, e := range d.entries {
		r := Resource{ResourceAppID: e.appID, ResourceAccess: make([]Access, len(e.accesses))}
		offs = append(offs, e.appOff)
		for i, a := range e.accesses {
			r.ResourceAccess[i] = a.access
			offs = append(offs, a.idOff)
		}
		m.Resources = append(m.Resources, r)
	}
	pos := positions(d.src, offs, d.bom)
	for _, e := range d.entries {
		ep := EntryPosition{ResourceAppID: pos[0], IDs: pos[1 : 1+len(e.accesses) : 1+len(e.accesses)]}
		pos = pos[1+len(e.accesses):]
		m.Positions = append(m.Positions, ep)
	}
	return m
}
