/**
 * The terminal's size, kept current as the terminal is resized.
 */
import { useStdout } from "ink";
import { useEffect, useState } from "react";
import type { TerminalSize } from "../model/layout.js";

/** Size assumed when the output stream does not know its own (not a terminal). */
const FALLBACK: TerminalSize = { columns: 80, rows: 24 };

function sizeOf(stream: NodeJS.WriteStream): TerminalSize {
  return { columns: stream.columns || FALLBACK.columns, rows: stream.rows || FALLBACK.rows };
}

/** The size of ink's output terminal, or `fixed` when given (tests, reports). */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => fixed ?? sizeOf(stdout));
  useEffect(() => {
    if (fixed !== undefined) {
      setSize(fixed);
      return;
    }
    const onResize = () => setSize(sizeOf(stdout));
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout, fixed]);
  return size;
}
