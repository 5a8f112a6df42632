module github.com/kbgen/kb

go 1.26.8
