package schema

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	const layout = " is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
	tests := []struct {
		in   string
		want Date
		err  string
	}{
		{"2024", Date{2024, 0, 0}, ""},
		{"2024-05", Date{2024, 5, 0}, ""},
		{"2024-05-06", Date{2024, 5, 6}, ""},
		{"0999", Date{999, 0, 0}, ""},
		{" 2024-12 ", Date{2024, 12, 0}, ""},
		{"2024-02-29", Date{2024, 2, 29}, ""},
		{"2000-02-29", Date{2000, 2, 29}, ""},
		{"2024-12-31", Date{2024, 12, 31}, ""},

		// Timestamps are read as their day.
		{"2024-01-01T10:00:00Z", Date{2024, 1, 1}, ""},
		{"2024-01-01T23:30:00-05:00", Date{2024, 1, 1}, ""}, // the day where it was written, not in UTC
		{"2024-01-01T10:00:00", Date{2024, 1, 1}, ""},
		{"2025-07-26 10:00:00", Date{2025, 7, 26}, ""},
		{"2024-01-01 10:00", Date{2024, 1, 1}, ""},

		// Bad months and days.
		{"2024-13", Date{}, `"2024-13" is not a date: there is no month 13`},
		{"2024-00", Date{}, `"2024-00" is not a date: there is no month 0`},
		{"2024-00-10", Date{}, `"2024-00-10" is not a date: there is no month 0`},
		{"2024-02-30", Date{}, `"2024-02-30" is not a date: February 2024 has no day 30`},
		{"2023-02-29", Date{}, `"2023-02-29" is not a date: February 2023 has no day 29`},
		{"1900-02-29", Date{}, `"1900-02-29" is not a date: February 1900 has no day 29`},
		{"2024-04-31", Date{}, `"2024-04-31" is not a date: April 2024 has no day 31`},
		{"2024-05-00", Date{}, `"2024-05-00" is not a date: May 2024 has no day 0`},
		{"2024-02-30T10:00:00Z", Date{}, `"2024-02-30" is not a date: February 2024 has no day 30`},

		// Garbage.
		{"", Date{}, `""` + layout},
		{"24", Date{}, `"24"` + layout},
		{"20240", Date{}, `"20240"` + layout},
		{"2024-1", Date{}, `"2024-1"` + layout},
		{"2024-01-1", Date{}, `"2024-01-1"` + layout},
		{"2024-05-06-07", Date{}, `"2024-05-06-07"` + layout},
		{"2024/05/06", Date{}, `"2024/05/06"` + layout},
		{"06.05.2024", Date{}, `"06.05.2024"` + layout},
		{"May 2024", Date{}, `"May 2024"` + layout},
		{"abcd", Date{}, `"abcd"` + layout},
		{"-2024", Date{}, `"-2024"` + layout},
		{"2024-", Date{}, `"2024-"` + layout},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if got != tt.want || errText != tt.err {
			t.Errorf("ParseDate(%q) = %#v, %q; want %#v, %q", tt.in, got, errText, tt.want, tt.err)
		}
	}
}

// TestParseDateLax holds inputs that ParseDate accepts and should not.
func TestParseDateLax(t *testing.T) {
	tests := []struct {
		in, fixed string // fixed: the bug this case caught
	}{
		{"+123", "strconv.Atoi accepts a sign: \"+123\" is read as the year 123"},
		{"2024-+1", "strconv.Atoi accepts a sign: \"2024-+1\" is read as January 2024"},
		{"2024-01-01 garbage", "anything after a day and a space or T is dropped unread"},
		{"2024-01-01T", "anything after a day and a space or T is dropped unread"},
		{"0000", "the year 0 parses to the zero Date, which reads as \"no date given\""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if d, err := ParseDate(tt.in); err == nil {
				t.Errorf("ParseDate(%q) = %#v, want an error", tt.in, d)
			}
		})
	}
}

func TestDateStringAndDisplay(t *testing.T) {
	tests := []struct {
		d            Date
		str, display string
		zero         bool
	}{
		{Date{}, "", "", true},
		{Date{2025, 0, 0}, "2025", "2025", false},
		{Date{999, 0, 0}, "0999", "999", false},
		{Date{2025, 7, 0}, "2025-07", "July 2025", false},
		{Date{2025, 7, 26}, "2025-07-26", "26 July 2025", false},
		{Date{2025, 12, 1}, "2025-12-01", "1 December 2025", false},
		{Date{7, 3, 5}, "0007-03-05", "5 March 7", false},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.str {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.str)
		}
		if got := tt.d.Display(); got != tt.display {
			t.Errorf("%#v.Display() = %q, want %q", tt.d, got, tt.display)
		}
		if got := tt.d.IsZero(); got != tt.zero {
			t.Errorf("%#v.IsZero() = %v, want %v", tt.d, got, tt.zero)
		}
		if tt.zero {
			continue
		}
		// What String writes, ParseDate reads back.
		if back, err := ParseDate(tt.str); err != nil || back != tt.d {
			t.Errorf("ParseDate(%q) = %#v, %v; want %#v", tt.str, back, err, tt.d)
		}
	}
}

// FuzzDateFormat checks String and Display, which append by hand, against
// the fmt formats they replace, and that the Append forms append.
func FuzzDateFormat(f *testing.F) {
	f.Add(2025, 7, 26)
	f.Add(-44, 3, 15)
	f.Add(12345, 0, 0)
	f.Fuzz(func(t *testing.T, year, month, day int) {
		// ParseDate makes months 1-12 and days 1-31, or 0 when not given.
		d := Date{year, abs(month % 13), abs(day % 32)}
		var str, display string
		switch {
		case d.IsZero():
		case d.Month == 0:
			str, display = fmt.Sprintf("%04d", d.Year), strconv.Itoa(d.Year)
		case d.Day == 0:
			str, display = fmt.Sprintf("%04d-%02d", d.Year, d.Month), fmt.Sprintf("%s %d", time.Month(d.Month), d.Year)
		default:
			str, display = fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day), fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
		}
		if got := d.String(); got != str {
			t.Errorf("%#v.String() = %q, want %q", d, got, str)
		}
		if got := d.Display(); got != display {
			t.Errorf("%#v.Display() = %q, want %q", d, got, display)
		}
		if got := string(d.AppendString([]byte("x"))); got != "x"+str {
			t.Errorf("%#v.AppendString(x) = %q, want %q", d, got, "x"+str)
		}
		if got := string(d.AppendDisplay([]byte("x"))); got != "x"+display {
			t.Errorf("%#v.AppendDisplay(x) = %q, want %q", d, got, "x"+display)
		}
	})
}

func abs(n int) int { return max(n, -n) }

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b Date
		want int
	}{
		{Date{2024, 0, 0}, Date{2024, 0, 0}, 0},
		{Date{2024, 5, 6}, Date{2024, 5, 6}, 0},
		{Date{2023, 12, 31}, Date{2024, 0, 0}, -1},
		{Date{2024, 0, 0}, Date{2024, 1, 0}, -1}, // a year sorts before its months
		{Date{2024, 1, 0}, Date{2024, 1, 1}, -1}, // a month sorts before its days
		{Date{2024, 1, 31}, Date{2024, 2, 0}, -1},
		{Date{2024, 2, 1}, Date{2024, 1, 31}, 1},
		{Date{2025, 0, 0}, Date{2024, 12, 31}, 1},
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.Compare(tt.a); got != -tt.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}

	// Key orders as Compare does, for every month and day a date can have.
	var all []Date
	for _, y := range []int{-1, 0, 1, 1999, 2024, 2025, 9999} {
		for m := range 13 {
			for d := range 32 {
				all = append(all, Date{y, m, d})
			}
		}
	}
	for _, a := range all {
		if got := DateOfKey(a.Key()); got != a {
			t.Errorf("DateOfKey(%v.Key()) = %v", a, got)
		}
		for _, b := range []Date{all[0], {2024, 6, 15}, {2024, 0, 0}, {2025, 12, 31}, a} {
			if got, want := cmp.Compare(a.Key(), b.Key()), a.Compare(b); got != want {
				t.Errorf("%v.Key() against %v.Key(): %d, Compare %d", a, b, got, want)
			}
		}
	}

	dates := []Date{{2025, 1, 2}, {2024, 0, 0}, {2025, 1, 0}, {2024, 6, 0}, {2025, 0, 0}, {2024, 6, 15}}
	slices.SortFunc(dates, Date.Compare)
	want := []Date{{2024, 0, 0}, {2024, 6, 0}, {2024, 6, 15}, {2025, 0, 0}, {2025, 1, 0}, {2025, 1, 2}}
	if !slices.Equal(dates, want) {
		t.Errorf("sorted: %v, want %v", dates, want)
	}
}

func TestDateTime(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Time
	}{
		{Date{2025, 0, 0}, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Date{2025, 7, 0}, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)},
		{Date{2025, 7, 26}, time.Date(2025, 7, 26, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := tt.d.Time(); !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%v.Time() = %v, want %v", tt.d, got, tt.want)
		}
	}
}
