// PLANTED BUG: the fixed-leader store serving reads from a follower's own copy.
import { kvLeader } from "./kv-leader.mjs";

export default kvLeader(import.meta.url, { followerReads: true });
