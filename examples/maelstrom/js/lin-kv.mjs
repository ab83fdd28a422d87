// The lin-kv workload: a fixed-leader store; every operation, reads too, goes to the leader.
import { kvLeader } from "./kv-leader.mjs";

export default kvLeader(import.meta.url, { followerReads: false });
