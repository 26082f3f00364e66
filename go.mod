module entente

go 1.26.8

require (
	github.com/kljensen/snowball v0.10.0 // indirect
	golang.org/x/text v0.31.0 // indirect
)
