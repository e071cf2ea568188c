package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
)

// Sentinel errors, for errors.Is. Every error returned by this package wraps
// exactly one of them, as do the positioned errors of the packages that
// read other files with it (an export, a policy).
var (
	// ErrSyntax: the input is not valid JSON.
	ErrSyntax = errors.New("invalid JSON")
	// ErrComment: the input holds a // or /* */ comment, which JSON does not allow.
	ErrComment = errors.New("comments are not JSON")
	// ErrNotObject: the top-level value is neither an object nor an array.
	ErrNotObject = errors.New("not a manifest: the top-level value must be an object or an array")
	// ErrShape: requiredResourceAccess, or an entry in it, is not shaped as
	// Microsoft documents it; in another file, a value is not what that
	// file holds there; and, from check.Plan, a value of the manifest it
	// will not edit around without guessing (a misspelt name beside the
	// permission it likely means, a name it cannot resolve).
	ErrShape = errors.New("unexpected shape")
	// ErrDuplicateKey: one object holds the same key twice where the
	// package would have to pick one of them.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrTooDeep: the input nests arrays and objects deeper than MaxDepth,
	// or than the reader of another file allows (an export: 64 levels).
	ErrTooDeep = errors.New("nested too deeply")
	// ErrSnippet: the input is a requiredResourceAccess member on its own,
	// `"requiredResourceAccess": [ … ]`, not a JSON document; ReadSnippet
	// reads it.
	ErrSnippet = errors.New("a requiredResourceAccess member, not a document")
	// ErrNotManifest: the top-level object has members, but neither
	// requiredResourceAccess nor any other member an app registration
	// manifest has, such as a package.json.
	ErrNotManifest = errors.New("not an app registration manifest")
)

// MaxDepth is the deepest nesting of arrays and objects the package reads.
// Real manifests nest fewer than ten levels.
const MaxDepth = 1000

// Position is a place in the input. Line and Column count from 1; Column
// counts bytes, as Go tools do. Offset counts bytes from the start of the
// input, including a byte order mark if there is one.
type Position struct {
	Offset int
	Line   int
	Column int
}

func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// SyntaxError reports input that is not JSON, or a document nested deeper
// than MaxDepth; from the readers of other files, also text that is not
// UTF-8 or UTF-16 (an export).
type SyntaxError struct {
	Pos Position
	Msg string
	Err error // ErrSyntax, ErrComment, ErrTooDeep or ErrSnippet
}

// Error is "line:column: message", as go/scanner words an error without
// its file name, so that a caller who adds the name gets
// "file:line:column: message".
func (e *SyntaxError) Error() string {
	return e.Pos.String() + ": " + e.Msg
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// Position is where the error is.
func (e *SyntaxError) Position() Position { return e.Pos }

// ShapeError reports a value that is valid JSON but not what a manifest
// holds at that place. Path is the JSON path of the value, such as
// requiredResourceAccess[2].resourceAccess[0].type. Packages that read
// other JSON files report their values the same way: a service principal
// export (permissions.ParseExport), a repository's policy
// (profile.ParsePolicy), and a manifest value check.Plan cannot make right.
type ShapeError struct {
	Path string
	Pos  Position
	Msg  string
	Err  error // ErrShape, ErrNotObject or ErrDuplicateKey
}

// Error is "line:column: path: message", leaving out what is unknown: a
// wanted set has no position, and the top-level value no path.
func (e *ShapeError) Error() string {
	s := ""
	if e.Pos.Line > 0 {
		s += e.Pos.String() + ": "
	}
	if e.Path != "" {
		s += e.Path + ": "
	}
	return s + e.Msg
}

func (e *ShapeError) Unwrap() error { return e.Err }

// Position is where the value at fault starts; zero for a wanted set,
// which has no position.
func (e *ShapeError) Position() Position { return e.Pos }

// Positioned is an error that knows where in its input it is: a
// *SyntaxError or a *ShapeError, whichever package returned it. Its Error
// has no file name, so that a caller who knows the file writes "file:"
// before it.
type Positioned interface {
	error
	Position() Position
}

// positions converts byte offsets in src into Positions in one pass over
// src. The offsets need not ascend: an entry may list resourceAccess before
// resourceAppId, as az's sorted output does.
func positions(src []byte, offs []int, base int) []Position {
	order := make([]int, len(offs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	out := make([]Position, len(offs))
	line, lineStart, at := 1, 0, 0
	for _, i := range order {
		off := min(offs[i], len(src))
		if off > at {
			line += bytes.Count(src[at:off], nl)
			if j := bytes.LastIndexByte(src[at:off], '\n'); j >= 0 {
				lineStart = at + j + 1
			}
			at = off
		}
		out[i] = Position{Offset: offs[i] + base, Line: line, Column: off - lineStart + 1}
	}
	return out
}

var nl = []byte{'\n'}

// PositionAt returns the Position of the byte offset off in src: the line
// and column, in bytes from 1, as this package's errors give them, for the
// other JSON files a program reads beside manifests (a policy, an export).
// An offset outside src is taken as its nearer end.
func PositionAt(src []byte, off int) Position { return position(src, max(off, 0), 0) }

// position converts a byte offset in src into a Position. base is added to
// the offset (the length of a stripped byte order mark).
func position(src []byte, off, base int) Position {
	if off > len(src) {
		off = len(src)
	}
	return positions(src, []int{off}, base)[0]
}
