/**
 * Text lanes for the terminal: each process's operations drawn as intervals on a shared
 * axis (the order of the events that bound them), numbered, with a legend giving each
 * operation's process, interval, input and output.
 *
 * ```
 *   p0  |-1-|       |-4-|
 *   p1    |----2----|
 *   p2  |---3------------->
 * ```
 */
import type { DescribedOperation } from "../linearizability-result.js";
import { formatProcess, type Operation } from "../operation.js";

/** Columns between two consecutive event positions on the axis. */
const COLUMNS_PER_EVENT = 4;

/** Where an operation starts and ends, for the legend: source lines or event numbers. */
export function describeInterval(operation: Operation): string {
  const start =
    operation.invokeLine !== undefined
      ? `line ${operation.invokeLine}`
      : `event ${operation.invokeIndex}`;
  const end =
    operation.completeIndex === undefined
      ? "never completed"
      : operation.completeLine !== undefined
        ? `line ${operation.completeLine}`
        : `event ${operation.completeIndex}`;
  const times =
    operation.invokeTime !== undefined
      ? ` (time ${operation.invokeTime}${operation.completeTime === undefined ? "" : `–${operation.completeTime}`})`
      : "";
  const status = operation.status === "ok" ? "" : `, ${operation.status}`;
  return `${start} – ${end}${status}${times}`;
}

function axis(operations: readonly Operation[]): Map<number, number> {
  const positions = new Set<number>();
  for (const operation of operations) {
    positions.add(operation.invokeIndex);
    if (operation.completeIndex !== undefined && operation.status !== "info")
      positions.add(operation.completeIndex);
  }
  const sorted = [...positions].sort((a, b) => a - b);
  return new Map(sorted.map((position, rank) => [position, rank * COLUMNS_PER_EVENT]));
}

function drawBar(row: string[], start: number, end: number | undefined, label: string): void {
  const last = end ?? row.length - 1;
  for (let column = start; column <= last; column++) row[column] = "-";
  row[start] = "|";
  row[last] = end === undefined ? ">" : "|";
  const labelAt = Math.min(start + 1, Math.max(start + 1, last - label.length));
  for (let offset = 0; offset < label.length && labelAt + offset < last; offset++) {
    row[labelAt + offset] = label[offset]!;
  }
}

function isFree(row: readonly string[], start: number, end: number): boolean {
  for (let column = start; column <= end; column++) if (row[column] !== " ") return false;
  return true;
}

/** The lanes (without legend); `undefined` when they would be wider than `maxWidth`. */
function renderLaneRows(
  operations: readonly DescribedOperation[],
  maxWidth: number,
): string[] | undefined {
  const positions = axis(operations.map(({ operation }) => operation));
  const width = (positions.size + 1) * COLUMNS_PER_EVENT;
  const processes = [
    ...new Set(operations.map(({ operation }) => formatProcess(operation.process))),
  ];
  const nameWidth = processes.reduce((widest, name) => Math.max(widest, name.length), 0);
  if (width + nameWidth + 4 > maxWidth) return undefined;
  const lanes = new Map(processes.map((name) => [name, [] as string[][]]));
  operations.forEach(({ operation }, index) => {
    const start = positions.get(operation.invokeIndex)!;
    const open = operation.completeIndex === undefined || operation.status === "info";
    const end = open ? undefined : positions.get(operation.completeIndex!)!;
    const rows = lanes.get(formatProcess(operation.process))!;
    let row = rows.find((candidate) => isFree(candidate, start, end ?? width - 1));
    if (row === undefined) {
      row = new Array<string>(width).fill(" ");
      rows.push(row);
    }
    drawBar(row, start, end, String(index + 1));
  });
  return processes.flatMap((name) =>
    lanes
      .get(name)!
      .map(
        (row, index) => `${(index === 0 ? name : "").padEnd(nameWidth)}  ${row.join("").trimEnd()}`,
      ),
  );
}

/** The legend: number, process, description and interval of each operation. */
function renderLegend(operations: readonly DescribedOperation[]): string[] {
  const numberWidth = String(operations.length).length;
  // Widest by reduce, not Math.max(...list): a long history would overflow the call stack.
  const processWidth = operations.reduce(
    (widest, { operation }) => Math.max(widest, formatProcess(operation.process).length),
    0,
  );
  const descriptionWidth = Math.min(
    48,
    operations.reduce((widest, { description }) => Math.max(widest, description.length), 0),
  );
  return operations.map(({ operation, description }, index) =>
    [
      String(index + 1).padStart(numberWidth),
      formatProcess(operation.process).padEnd(processWidth),
      description.padEnd(descriptionWidth),
      describeInterval(operation),
    ].join("  "),
  );
}

/**
 * Lanes and legend for a set of operations, indented by `indent`; the lanes are left out
 * when they would not fit in `maxWidth` columns.
 *
 * @example
 * ```ts
 * console.log(renderLanes(minimal.operations, { maxWidth: process.stdout.columns }));
 * ```
 */
export function renderLanes(
  operations: readonly DescribedOperation[],
  options: { readonly maxWidth?: number; readonly indent?: string } = {},
): string {
  const indent = options.indent ?? "";
  const maxWidth = (options.maxWidth ?? 100) - indent.length;
  const lanes = operations.length === 0 ? [] : (renderLaneRows(operations, maxWidth) ?? []);
  const gap = lanes.length > 0 ? [""] : [];
  return [...lanes, ...gap, ...renderLegend(operations)]
    .map((line) => `${indent}${line}`.trimEnd())
    .join("\n");
}
