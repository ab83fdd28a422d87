module faultline.dev/examples/maelstrom/go

go 1.19
