/**
 * Transactional isolation checking (Elle-style) for list-append and rw-register histories:
 * the public entry points and types.
 */
export { checkParsedTransactions, checkTransactions } from "./check-transactions.js";
export { CONSISTENCY_MODELS, modelsRuledOut, rulesOut } from "./consistency-models.js";
export { describeTransaction, formatMicroOp } from "./explain-cycle.js";
export { parseTransactions, type Transaction, type TransactionHistory } from "./transactions.js";
export {
  type ConsistencyModel,
  type MicroOp,
  type MicroOpFunction,
  TXN_MODELS,
  type TxnAnomaly,
  type TxnCheckOptions,
  type TxnCheckResult,
  type TxnCycleStep,
  type TxnEdgeType,
  type TxnModel,
  type TxnRef,
} from "./types.js";
