package render

import (
	"bytes"
	"html/template"
	"testing"
)

// checkWriteLists compares writeTimeline, writeList and writeTag with the
// built-in templates on views whose strings a fuzzer chooses.
func checkWriteLists(t *testing.T, title, label, value, alias, intro string, year int, shape uint8) {
	t.Helper()
	tpl, problems := repoTemplates()
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	base := "/" + alias + "/"
	site := &Site{Title: title + " KB", Description: label + " of " + title, Language: "en", Base: base, baseHref: baseHref(base),
		parts: &parts{tpl: tpl.sets[partsKind], done: map[[2]string]template.HTML{}}}
	link := newPageLink(PageLink{Title: title, Summary: label, Type: value, TypeLabel: label, URL: base + value + "/"})
	page := &link
	if shape&1 != 0 {
		page.Summary = ""
	}
	var months []MonthView
	if shape&2 != 0 {
		months = append(months, MonthView{Name: label, Entries: []Entry{{Date: value, Page: page, What: label, badge: true}}})
	}
	if shape&4 != 0 {
		months = append(months, MonthView{Entries: []Entry{{Page: page, Span: true}, {Page: page, Own: true, Filter: value}}})
	}
	var filters []Filter
	if shape&8 != 0 {
		filters = []Filter{{Name: value, Label: label, Options: []Option{{Value: value, Label: title}}}, {Name: "tag", Label: "Tag"}}
	}
	timeline := &TimelineView{Site: site, Key: "timeline", Filters: filters, Count: int(shape),
		Years: func(yield func(YearView) bool) {
			if len(months) > 0 {
				_ = yield(YearView{Year: year, Months: months}) && yield(YearView{Year: year - 1, Months: months[:1]})
			}
		}}
	list := &ListView{Site: site, Key: value, Title: title, Intro: template.HTML(intro),
		Columns: []Column{{Label: label, Name: value}, {Label: title, Filter: []string{value, label}}}}
	if shape&16 != 0 {
		list.Rows = []Row{{Page: page, Cells: []Cell{{Text: label, Sort: value}, {Text: title}}}, {Page: page}}
	}
	tag := &TagView{Site: site, Key: "tags", Tag: Tag{Name: label, Count: int(shape)}}
	if shape&32 != 0 {
		tag.Pages = []*PageLink{page, page}
	}
	for kind, v := range map[string]any{"timeline": timeline, "list": list, "tag": tag} {
		var want, got bytes.Buffer
		if err := tpl.sets[kind].ExecuteTemplate(&want, "base.html", v); err != nil {
			t.Fatal(err)
		}
		if err := writeInGo(&got, v); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s written in Go differs from its templates:\nwant %s\ngot  %s", kind, want.Bytes(), got.Bytes())
		}
	}
}

func TestWriteLists(t *testing.T) {
	for shape := range uint8(64) {
		checkWriteLists(t, "Deep fakes", "Risk", "risks", "kb", "<p>All the risks.</p>", 2025, shape)
	}
	checkWriteLists(t, `<b>"AI" & 'you' + me</b>`, "a\x00b > c", `x" onclick="y`, "é ü\xff?q=1#f", "", -3, 63)
	checkWriteLists(t, "", "", "", "", "", 0, 0)
	checkWriteLists(t, "t", "l", "v", "javascript:alert(1)//", "", 1, 63)
}

func FuzzWriteLists(f *testing.F) {
	f.Add("Deep fakes", "Risk", "risks", "kb", "<p>All.</p>", 2025, uint8(63))
	f.Add(`<b>"AI" & 'you'</b>`, "a\x00b", `x"y`, "é\xff %20", "", -1, uint8(42))
	f.Fuzz(func(t *testing.T, title, label, value, alias, intro string, year int, shape uint8) {
		checkWriteLists(t, title, label, value, alias, intro, year, shape)
	})
}
