// Package manifest edits the requiredResourceAccess list of an Entra ID
// (Azure AD) app registration manifest, byte for byte.
//
// It reads every shape the list is stored in: a legacy Azure AD Graph
// manifest, a Microsoft Graph app manifest, `az ad app show` or Graph output,
// a request body holding a few keys, an object holding only
// requiredResourceAccess, and a bare top-level array; ReadSnippet also reads
// the member on its own, as the setup guide prints it. Besides permissions
// it reads and sets the sign-in audience and Web redirect URIs, and reads the
// credentials (Setup), each member declared once in fields.go.
//
// The promise: bytes outside the edited value are returned unchanged, and a
// manifest that needs no change comes back identical. In Merge mode existing
// entries keep their bytes too, so a line diff shows only added lines (and a
// comma added to the line before each insertion). New text follows the file's
// own layout: indent unit and depth, LF or CRLF, spacing, one-line objects
// and lists, and minified files stay on one line. A UTF-8 byte order mark and
// the presence or absence of a final newline are kept. In Overwrite mode
// what stays keeps its bytes too: only what is not wanted is removed.
//
// Where JSON readers would disagree, the package refuses rather than
// guesses: a key repeated in any member it reads or edits is a *ShapeError
// wrapping ErrDuplicateKey that names both places.
//
// The package works on bytes only: it does no I/O, never modifies its input,
// keeps no state, and is safe for concurrent use. Invalid input yields a
// *SyntaxError with line and column, and a well-formed document of the wrong
// shape a *ShapeError with the JSON path; both wrap a sentinel error for
// errors.Is.
package manifest
