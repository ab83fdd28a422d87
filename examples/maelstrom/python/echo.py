"""Maelstrom's echo workload: answers every `echo` with the same payload."""

from maelstrom import Node

node = Node()
node.on("echo", lambda req: node.reply(req, {"type": "echo_ok", "echo": req["body"]["echo"]}))
node.run()
