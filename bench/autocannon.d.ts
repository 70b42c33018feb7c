// The part of autocannon's programmatic API the bench uses (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; p50: number; p90: number; p99: number; max: number };
  export type AutocannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer };
  export type AutocannonClient = { setRequests(requests: AutocannonRequest[]): void };
  export type AutocannonOptions = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: AutocannonRequest[];
    setupClient?: (client: AutocannonClient) => void;
  };
  export type AutocannonResult = {
    duration: number;
    latency: Histogram;
    requests: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
  };
  export default function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
}
