package main

import (
	"strings"

	"github.com/aymanbagabas/go-udiff"
)

// unifiedDiff is what apply -d prints for a file: the smallest line diff
// (go-udiff's Myers diff), with 3 lines of context, its added and removed
// blocks placed where diff -u places them. Among the smallest diffs, Myers
// leaves a block at the first place it fits, so a new entry added after
// the last one would show as starting inside it; diff -u slides each
// block as far down as equal lines allow and back to meet a block of the
// other file, and shiftBoundaries does the same.
func unifiedDiff(oldName, newName string, old, new []byte) string {
	a, b := string(old), string(new)
	edits := udiff.Lines(a, b)
	if shifted, ok := shiftEdits(a, b, edits); ok {
		edits = shifted
	}
	out, err := udiff.ToUnified(oldName, newName, a, edits, udiff.DefaultContextLines)
	if err != nil {
		// Not reached: the edits are whole lines of a, in order. The
		// unshifted diff is as true.
		return udiff.Unified(oldName, newName, a, b)
	}
	return out
}

// shiftEdits turns line edits of a into b into the changed lines of each,
// shifts them as diff -u does and turns them back into edits. It reports
// false if the edits do not fit the texts, which udiff.Lines never gives.
func shiftEdits(a, b string, edits []udiff.Edit) ([]udiff.Edit, bool) {
	la, lb := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	if la[len(la)-1] == "" {
		la = la[:len(la)-1]
	}
	if lb[len(lb)-1] == "" {
		lb = lb[:len(lb)-1]
	}
	starts := make(map[int]int, len(la)+1) // byte offset of a line of a -> its index
	off := 0
	for i, l := range la {
		starts[off] = i
		off += len(l)
	}
	starts[off] = len(la)
	// changed[f][k+1] is line k of file f; [0] and [n+1] stay false.
	ca, cb := make([]bool, len(la)+2), make([]bool, len(lb)+2)
	i, j := 0, 0
	for _, e := range edits {
		s, ok1 := starts[e.Start]
		t, ok2 := starts[e.End]
		if !ok1 || !ok2 || s < i {
			return nil, false
		}
		j += s - i // unchanged lines between the edits
		for k := s; k < t; k++ {
			ca[k+1] = true
		}
		n := strings.Count(e.New, "\n")
		if e.New != "" && !strings.HasSuffix(e.New, "\n") {
			n++
		}
		if j+n > len(lb) {
			return nil, false
		}
		for k := j; k < j+n; k++ {
			cb[k+1] = true
		}
		i, j = t, j+n
	}
	shiftBoundaries(la, ca, cb)
	shiftBoundaries(lb, cb, ca)
	// Back to edits: unchanged lines of a and b pair up in order.
	var out []udiff.Edit
	offs := make([]int, len(la)+1)
	for k, l := range la {
		offs[k+1] = offs[k] + len(l)
	}
	i, j = 0, 0
	for i < len(la) || j < len(lb) {
		if i < len(la) && j < len(lb) && !ca[i+1] && !cb[j+1] {
			i, j = i+1, j+1
			continue
		}
		i0, j0 := i, j
		for i < len(la) && ca[i+1] {
			i++
		}
		for j < len(lb) && cb[j+1] {
			j++
		}
		if i == i0 && j == j0 {
			return nil, false // unchanged lines that do not pair up
		}
		out = append(out, udiff.Edit{Start: offs[i0], End: offs[i], New: strings.Join(lb[j0:j], "")})
	}
	return out, true
}

// shiftBoundaries moves each run of changed lines of one file (changed,
// whose index k+1 is line k) as diff -u does: back while the line before
// it equals its last, merging with runs before; forward while its first
// line equals the line after it, merging with runs after, until it grows
// no more; then back as far as the last place it meets a run of changed
// lines of the other file (other). Each move leaves the file's unchanged
// lines the same, so the diff stays as small and as true.
func shiftBoundaries(lines []string, changed, other []bool) {
	at := func(c []bool, k int) bool { return c[k+1] }
	set := func(c []bool, k int, v bool) { c[k+1] = v }
	end := len(lines)
	i, j := 0, 0
	for {
		// The next run, and the corresponding place in the other file.
		for i < end && !at(changed, i) {
			for at(other, j) {
				j++
			}
			j++
			i++
		}
		if i == end {
			return
		}
		start := i
		for i++; at(changed, i); i++ {
		}
		for at(other, j) {
			j++
		}
		corresponding := end
		for {
			run := i - start
			for start > 0 && lines[start-1] == lines[i-1] {
				start--
				set(changed, start, true)
				i--
				set(changed, i, false)
				for at(changed, start-1) {
					start--
				}
				for j--; at(other, j); j-- {
				}
			}
			corresponding = end
			if at(other, j-1) {
				corresponding = i
			}
			for i != end && lines[start] == lines[i] {
				set(changed, start, false)
				start++
				set(changed, i, true)
				for i++; at(changed, i); i++ {
				}
				for j++; at(other, j); j++ {
					corresponding = i
				}
			}
			if run == i-start {
				break
			}
		}
		for corresponding < i {
			start--
			set(changed, start, true)
			i--
			set(changed, i, false)
			for j--; at(other, j); j-- {
			}
		}
	}
}
