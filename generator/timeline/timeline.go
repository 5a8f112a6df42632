// Package timeline derives timeline entries from pages' dates: a page's
// own date (an event spans date..end), the date fields its type marks for
// the timeline, and its timeline: milestones. It orders and groups them.
package timeline

import (
	"cmp"
	"slices"

	"github.com/kbgen/kb/generator/schema"
)

// Source says where an entry's date came from, which also orders entries
// of one page on one day: the page's date first, then its fields, then its
// milestones.
type Source int

const (
	FromDate Source = iota
	FromField
	FromMilestone
)

// Entry is one dated thing.
type Entry struct {
	Page   string // the page's id
	Type   string
	Title  string // the page's title
	Date   schema.Date
	End    schema.Date // set for a span
	What   string      // "", "adopted", "in force", or a milestone's title
	Source Source
	Order  int // place among the page's entries of the same source
}

// Label is the entry as a reader sees it: "EU AI Act: in force", or the
// page's title alone for its own date.
func (e Entry) Label() string {
	if e.What == "" {
		return e.Title
	}
	return e.Title + ": " + e.What
}

// IsSpan reports whether the entry covers a range of dates.
func (e Entry) IsSpan() bool { return !e.End.IsZero() && e.End != e.Date }

// Of derives a page's entries, oldest first. t is the page's type, or nil
// for plain pages.
func Of(id, title string, t *schema.Type, m *schema.Meta) []Entry {
	var out []Entry
	base := Entry{Page: id, Type: m.Type, Title: title}
	ownDate := !m.Date.IsZero()
	if t != nil {
		for i, v := range m.Values {
			if v.Field.Timeline == "" || v.Date.IsZero() || v.Unknown {
				continue
			}
			e := base
			e.Date, e.What, e.Source, e.Order = v.Date, v.Field.Timeline, FromField, i
			out = append(out, e)
			if v.Date == m.Date && m.End.IsZero() {
				ownDate = false // "announced" on the page's date says more than the date alone
			}
		}
	}
	if ownDate {
		e := base
		e.Date, e.End, e.Source = m.Date, m.End, FromDate
		out = append([]Entry{e}, out...)
	}
	for i, ms := range m.Timeline {
		e := base
		e.Date, e.End, e.What, e.Source, e.Order = ms.Date, ms.End, ms.Title, FromMilestone, i
		out = append(out, e)
	}
	Sort(out)
	return out
}

// Compare orders entries oldest first; entries of one day by page title,
// then page id, then where they came from in the page, so the order is
// stable from build to build. No two entries of a site compare equal
// (a page's entries differ in Source or Order), so a sort need not be
// stable to give the same order every time.
func Compare(a, b Entry) int {
	// Not cmp.Or, which would compare the titles and ids of every pair:
	// most pairs differ by date, and the timelines sort millions of them.
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return cmp.Or(
		cmp.Compare(a.Page, b.Page),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.Order, b.Order),
	)
}

// Sort orders entries oldest first. It is not a stable sort, which moved
// the 300,000 entries of a 100,000-page site O(n log² n) times, since
// Compare leaves no ties.
func Sort(entries []Entry) { slices.SortFunc(entries, Compare) }

// Year is a year's entries, grouped by month; month 0 holds the entries
// known only to the year.
type Year struct {
	Year   int
	Months []Month
}

// Month is the entries of a month of a year.
type Month struct {
	Month   int // 0: the year only
	Entries []Entry
}

// Group groups sorted entries by year and month, in their order.
func Group(sorted []Entry) []Year {
	var years []Year
	for _, e := range sorted {
		if len(years) == 0 || years[len(years)-1].Year != e.Date.Year {
			years = append(years, Year{Year: e.Date.Year})
		}
		y := &years[len(years)-1]
		if len(y.Months) == 0 || y.Months[len(y.Months)-1].Month != e.Date.Month {
			y.Months = append(y.Months, Month{Month: e.Date.Month})
		}
		m := &y.Months[len(y.Months)-1]
		m.Entries = append(m.Entries, e)
	}
	return years
}
