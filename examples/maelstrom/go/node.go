// A Maelstrom node in Go with no dependencies: newline-delimited JSON on stdin/stdout,
// init, and handlers for the echo and broadcast workloads. Broadcast values are sent to
// each neighbour and resent every 500 ms until that neighbour acknowledges them, so they
// cross partitions once those heal.
//
//	go build -o node . && npx faultline maelstrom test -w broadcast --bin ./node --node-count 5
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"
)

type message struct {
	Src  string          `json:"src"`
	Dest string          `json:"dest"`
	Body json.RawMessage `json:"body"`
}

type body map[string]any

type node struct {
	mu        sync.Mutex
	out       *bufio.Writer
	id        string
	ids       []string
	nextMsgID int
	neighbors []string
	seen      map[float64]bool
	// unacked[neighbor] holds the values that neighbor has not acknowledged.
	unacked map[string]map[float64]bool
	// inFlight[msgID] is the neighbor and the values a gossip message carried.
	inFlight map[int]gossip
}

type gossip struct {
	to     string
	values []float64
}

func (n *node) send(dest string, b body) {
	raw, _ := json.Marshal(b)
	line, _ := json.Marshal(message{Src: n.id, Dest: dest, Body: raw})
	n.out.Write(line)
	n.out.WriteByte('\n')
	n.out.Flush()
}

func (n *node) reply(req message, request body, b body) {
	b["in_reply_to"] = request["msg_id"]
	n.send(req.Src, b)
}

func (n *node) learn(value float64, from string) {
	if n.seen[value] {
		return
	}
	n.seen[value] = true
	for _, neighbor := range n.neighbors {
		if neighbor != from {
			n.unacked[neighbor][value] = true
		}
	}
}

func (n *node) resend() {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, neighbor := range n.neighbors {
		values := make([]float64, 0, len(n.unacked[neighbor]))
		for value := range n.unacked[neighbor] {
			values = append(values, value)
		}
		if len(values) == 0 {
			continue
		}
		sort.Float64s(values)
		n.nextMsgID++
		n.inFlight[n.nextMsgID] = gossip{to: neighbor, values: values}
		n.send(neighbor, body{"type": "gossip", "msg_id": n.nextMsgID, "values": values})
	}
}

func (n *node) handle(req message) {
	var b body
	if err := json.Unmarshal(req.Body, &b); err != nil {
		fmt.Fprintf(os.Stderr, "bad body from %s: %v\n", req.Src, err)
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if inReplyTo, ok := b["in_reply_to"].(float64); ok {
		if sent, ok := n.inFlight[int(inReplyTo)]; ok {
			delete(n.inFlight, int(inReplyTo))
			for _, value := range sent.values {
				delete(n.unacked[sent.to], value)
			}
		}
		return
	}
	switch b["type"] {
	case "init":
		n.id = b["node_id"].(string)
		for _, id := range b["node_ids"].([]any) {
			n.ids = append(n.ids, id.(string))
			if id.(string) != n.id {
				n.neighbors = append(n.neighbors, id.(string))
			}
		}
		n.setNeighbors(n.neighbors)
		n.reply(req, b, body{"type": "init_ok"})
	case "echo":
		n.reply(req, b, body{"type": "echo_ok", "echo": b["echo"]})
	case "topology":
		var mine []string
		if topology, ok := b["topology"].(map[string]any); ok {
			if list, ok := topology[n.id].([]any); ok {
				for _, neighbor := range list {
					mine = append(mine, neighbor.(string))
				}
			}
		}
		n.setNeighbors(mine)
		n.reply(req, b, body{"type": "topology_ok"})
	case "broadcast":
		n.learn(b["message"].(float64), req.Src)
		n.reply(req, b, body{"type": "broadcast_ok"})
	case "gossip":
		for _, value := range b["values"].([]any) {
			n.learn(value.(float64), req.Src)
		}
		n.reply(req, b, body{"type": "gossip_ok"})
	case "read":
		values := make([]float64, 0, len(n.seen))
		for value := range n.seen {
			values = append(values, value)
		}
		sort.Float64s(values)
		n.reply(req, b, body{"type": "read_ok", "messages": values})
	default:
		n.reply(req, b, body{"type": "error", "code": 10, "text": fmt.Sprintf("unsupported type %v", b["type"])})
	}
}

func (n *node) setNeighbors(neighbors []string) {
	n.neighbors = neighbors
	for _, neighbor := range neighbors {
		if n.unacked[neighbor] == nil {
			n.unacked[neighbor] = map[float64]bool{}
		}
	}
}

func main() {
	n := &node{
		out:      bufio.NewWriter(os.Stdout),
		seen:     map[float64]bool{},
		unacked:  map[string]map[float64]bool{},
		inFlight: map[int]gossip{},
	}
	go func() {
		for range time.Tick(500 * time.Millisecond) {
			n.resend()
		}
	}()
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for scanner.Scan() {
		var req message
		if err := json.Unmarshal(scanner.Bytes(), &req); err != nil {
			fmt.Fprintf(os.Stderr, "bad line: %v\n", err)
			continue
		}
		n.handle(req)
	}
}
