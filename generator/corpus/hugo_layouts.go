package corpus

// hugoLayouts returns the Hugo site's templates. They are kept to what a
// reader of a kb page also gets (fields, relations both ways, a table of
// contents, the body, sources; lists of each type, of terms, and a home
// page), so that Hugo does comparable work, and no more.
func hugoLayouts() []File {
	return []File{
		{Path: "layouts/_default/baseof.html", Data: []byte(baseofHTML)},
		{Path: "layouts/_default/single.html", Data: []byte(singleHTML)},
		{Path: "layouts/_default/list.html", Data: []byte(listHTML)},
		{Path: "layouts/_default/taxonomy.html", Data: []byte(taxonomyHTML)},
		{Path: "layouts/_default/term.html", Data: []byte(termHTML)},
		{Path: "layouts/index.html", Data: []byte(indexHTML)},
		{Path: "layouts/404.html", Data: []byte(notFoundHTML)},
		{Path: "layouts/partials/nav.html", Data: []byte(navHTML)},
	}
}

const baseofHTML = `<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header>{{ partialCached "nav.html" . "nav" }}</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
`

// navHTML is the same on every page, and site.Sections walks Hugo's whole
// page tree, so baseof renders it once with partialCached, as a Hugo
// site of this size would.
const navHTML = `<nav><a href="/">{{ site.Title }}</a>{{ range site.Sections }} · <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
`

// singleHTML shows, for every taxonomy, the page's own terms (its
// relations) and the pages that name it as a term (its inverse
// relations), as kb's page does.
const singleHTML = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
<dl class="fields">
{{- range $key := slice "kind" "domain" "status" "binding" "scope" "role" "location" "announced" "adopted" "in_force" "revoked" "end" "updated" }}
{{- if isset $.Params $key }}
<dt>{{ $key }}</dt><dd>{{ index $.Params $key }}</dd>
{{- end }}
{{- end }}
{{- with .Params.aka }}
<dt>Also known as</dt><dd>{{ delimit . ", " }}</dd>
{{- end }}
</dl>
{{- $name := .File.ContentBaseName }}
{{- range $taxonomy, $terms := site.Taxonomies }}
{{- with $.GetTerms $taxonomy }}
<section class="relation"><h2>{{ $taxonomy }}</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></section>
{{- end }}
{{- with index $terms $name }}
<section class="inverse"><h2>{{ $taxonomy }} (inverse)</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></section>
{{- end }}
{{- end }}
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
{{- with .Params.timeline }}
<h2>Timeline</h2>
<ol>{{ range . }}<li>{{ .date }}: {{ .title }}</li>{{ end }}</ol>
{{- end }}
{{- with .Params.sources }}
<h2>Sources</h2>
<ul>{{ range . }}<li><a href="{{ .url }}">{{ .title }}</a>, {{ .publisher }}, {{ .date }}</li>{{ end }}</ul>
{{- end }}
</article>
{{ end }}
`

const listHTML = `{{ define "main" }}
<h1>{{ .Title }}</h1>
<table>
<thead><tr><th>Title</th><th>Date</th><th>Kind</th><th>Summary</th></tr></thead>
<tbody>
{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ if not .Date.IsZero }}{{ .Date.Format "2006-01-02" }}{{ end }}</td><td>{{ or .Params.kind .Params.domain }}</td><td>{{ .Params.summary }}</td></tr>
{{ end }}
</tbody>
</table>
{{ end }}
`

const taxonomyHTML = `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
`

const termHTML = `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Params.summary }}</li>
{{ end }}
</ul>
{{ end }}
`

const indexHTML = `{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul>
{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ len .Pages }} pages</li>
{{ end }}
</ul>
<h2>Latest</h2>
<ul>
{{ range first 20 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>
{{ end }}
</ul>
{{ end }}
`

const notFoundHTML = `{{ define "main" }}
<h1>Page not found</h1>
<p><a href="/">Back to the start</a></p>
{{ end }}
`
