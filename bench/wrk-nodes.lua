-- wrk script for several ItaBot nodes behind the load (bench/peer-compare.sh --nodes N): the peer's post-signed.lua
-- (loaded from wrk's working directory, the peer's scratch copy) with each wrk thread pointed at one node, round robin
-- over the ports in ITABOT_NODE_PORTS ("18182 18183"). A wrk connection belongs to its thread and the thread to one
-- address, so this spreads connections per node as an L4 load balancer does (threads = a multiple of the nodes, each
-- node the same number of connections), in one wrk process: one request count and one latency histogram over all nodes.
dofile("post-signed.lua")
local peer_setup = setup
local ports = {}
for port in string.gmatch(os.getenv("ITABOT_NODE_PORTS") or "", "%d+") do ports[#ports + 1] = port end
local next_node = 0
function setup(thread)
  peer_setup(thread)
  if #ports > 0 then
    thread.addr = wrk.lookup("127.0.0.1", ports[next_node % #ports + 1])[1]
    next_node = next_node + 1
  end
end
