import { readdirSync, readFileSync } from "node:fs";

// CPU time from /proc (Linux): how much work a delivery costs, whatever else shares the machine.
// Throughput on a busy 2-core box swings with the neighbours; CPU milliseconds per request do not.

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every mainstream Linux

type Stat = { pid: number; ppid: number; cpuMs: number };

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses; the fields after its last ")" are fixed.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return { pid, ppid: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return null; // gone
  }
}

/** CPU milliseconds used so far by one process. */
export function processCpuMs(pid: number): number {
  return readStat(pid)?.cpuMs ?? 0;
}

/** CPU milliseconds used so far by the PostgreSQL server running on `dataDir` and its live backends. */
export function postgresCpuMs(dataDir: string): number {
  const stats = readdirSync("/proc").flatMap((entry) => (/^\d+$/.test(entry) ? [readStat(Number(entry))] : [])).filter((stat): stat is Stat => stat !== null);
  const postmaster = stats.find((stat) => {
    try {
      return readFileSync(`/proc/${stat.pid}/cmdline`, "utf8").split("\0").includes(dataDir);
    } catch {
      return false;
    }
  });
  if (!postmaster) return 0;
  return stats.filter((stat) => stat.pid === postmaster.pid || stat.ppid === postmaster.pid).reduce((sum, stat) => sum + stat.cpuMs, 0);
}
