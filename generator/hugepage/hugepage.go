// Package hugepage lets a build's heap grow into memory that Linux
// backs with transparent huge pages, so that the heap is faulted in 2 MB
// at a time rather than 4 KB.
//
// A build touches every byte of its heap's peak at least once, and each
// first touch of a 4 KB page is a page fault. On a virtual machine a fault
// can cost 15-20 µs (the host backs the page too): a 10,000-page build
// faults 60,000 times, a seventh of its CPU time. Where the kernel gives
// huge pages only to memory that asks for them (transparent_hugepage is
// "madvise", the default of several distributions), Go's heap never asks;
// Reserve asks for the part a build is about to grow into.
package hugepage
