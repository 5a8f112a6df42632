// Command kb builds a static knowledge-base site from typed Markdown pages.
package main

func main() {}
