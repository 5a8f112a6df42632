package schema

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date known to a precision: a year, a month, or a day.
// Partial dates are normal in this field ("announced in 2023"), so a Date
// keeps what it was given rather than inventing the missing parts.
type Date struct {
	Year       int
	Month, Day int // 0 when not given
}

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD. A timestamp is read as its day.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		// A timestamp: its day, if the rest is a time of day.
		d, err := ParseDate(s[:10])
		if err != nil {
			return Date{}, err
		}
		for _, layout := range []string{"15:04", "15:04:05", "15:04Z07:00", "15:04:05Z07:00", "15:04:05.999999999Z07:00", "15:04:05 -0700", "15:04:05 -0700 MST"} {
			if _, err := time.Parse(layout, s[11:]); err == nil {
				return d, nil
			}
		}
		return Date{}, notDate(s)
	}
	// Every page has dates, so the parts are read in place: four digits,
	// then up to two more parts of two digits, each after a '-'.
	var n [3]int
	parts := 0
	for rest := s; ; {
		p, after, more := strings.Cut(rest, "-")
		want := 2
		if parts == 0 {
			want = 4
		}
		if parts == 3 || len(p) != want || !digits(p) {
			return Date{}, notDate(s)
		}
		n[parts], _ = strconv.Atoi(p)
		parts++
		if !more {
			break
		}
		rest = after
	}
	d := Date{n[0], n[1], n[2]}
	if d.Year == 0 {
		return Date{}, fmt.Errorf("%q is not a date: there is no year 0", s)
	}
	if parts >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("%q is not a date: there is no month %d", s, d.Month)
	}
	if parts == 3 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if d.Day < 1 || t.Day() != d.Day {
			return Date{}, fmt.Errorf("%q is not a date: %s %d has no day %d", s, time.Month(d.Month), d.Year, d.Day)
		}
	}
	return d, nil
}

func notDate(s string) error {
	return fmt.Errorf("%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
}

// digits reports whether s is made of ASCII digits alone.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Year == 0 }

// String writes the date as it was given: "2025", "2025-07", "2025-07-26".
func (d Date) String() string {
	var buf [16]byte
	return string(d.AppendString(buf[:0]))
}

// AppendString appends the date as String writes it. Timelines write
// hundreds of thousands of dates; fmt would allocate for each.
func (d Date) AppendString(dst []byte) []byte {
	if d.IsZero() {
		return dst
	}
	dst = appendPadded(dst, d.Year, 4)
	if d.Month > 0 {
		dst = appendPadded(append(dst, '-'), d.Month, 2)
		if d.Day > 0 {
			dst = appendPadded(append(dst, '-'), d.Day, 2)
		}
	}
	return dst
}

// Display writes the date for readers, to the precision given:
// "2025", "July 2025", "26 July 2025".
func (d Date) Display() string {
	var buf [32]byte
	return string(d.AppendDisplay(buf[:0]))
}

// AppendDisplay appends the date as Display writes it.
func (d Date) AppendDisplay(dst []byte) []byte {
	if d.IsZero() {
		return dst
	}
	if d.Month > 0 {
		if d.Day > 0 {
			dst = append(strconv.AppendInt(dst, int64(d.Day), 10), ' ')
		}
		dst = append(append(dst, time.Month(d.Month).String()...), ' ')
	}
	return strconv.AppendInt(dst, int64(d.Year), 10)
}

// appendPadded appends n in decimal, zero-padded to width digits, as
// fmt's %0*d does; a negative n keeps its sign first.
func appendPadded(dst []byte, n, width int) []byte {
	if n < 0 {
		dst = append(dst, '-')
		n = -n
		width--
	}
	var num [20]byte
	d := strconv.AppendInt(num[:0], int64(n), 10)
	for i := len(d); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, d...)
}

// Compare orders dates by year, month and day; a date known only to the
// year sorts before the months of that year, as a heading before its entries.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(d.Month, o.Month)
	}
	return cmpInt(d.Day, o.Day)
}

// Key is a number that orders dates as Compare does, for sorts that
// compare a date many times: a parsed date's month and day are at most
// 31, and each has five bits of its own under the year.
func (d Date) Key() int64 { return int64(d.Year)<<10 | int64(d.Month)<<5 | int64(d.Day) }

// DateOfKey is the date whose Key is k: a list that keeps the keys of
// its dates for sorting need not keep the dates as well.
func DateOfKey(k int64) Date {
	return Date{Year: int(k >> 10), Month: int(k>>5) & 31, Day: int(k) & 31}
}

// Time is the start of the date, for feeds and sitemaps.
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
