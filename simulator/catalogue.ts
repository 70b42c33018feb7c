import fs from "node:fs";
import { z } from "zod";

const bankSchema = z.object({ code: z.string().min(1), name: z.string().min(1), short_name: z.string().nullable() });

const methodSchema = z.object({
  payout_method_name: z.string().min(1),
  currency: z.string().min(3),
  country: z.string().nullable(),
  label: z.string(),
  description: z.string(),
  symbol: z.string(),
  logo: z.string(),
  payout_method_params: z.record(z.string(), z.string()),
  banks: z.array(bankSchema),
  min_amount: z.number().positive(),
  max_amount: z.number().positive(),
  is_refundable: z.boolean(),
  is_cancellable: z.boolean(),
  require_contact: z.boolean(),
  require_kyc: z.boolean(),
  assumed: z.array(z.string()),
});

export type CatalogueMethod = z.infer<typeof methodSchema>;

export interface ParamSpec {
  name: string;
  type: "string";
  required: boolean;
  label: string;
}

/** A method with its param specs parsed once, so create validation never re-reads the grammar. */
export interface Method extends CatalogueMethod {
  params: ParamSpec[];
}

const SPEC = /^(string):(Mandatory|Optional) (\S.*)$/;

/** Parses `"string:Mandatory Bank Account Number"`; refuses anything outside the grammar. */
export function parseParamSpec(methodName: string, name: string, spec: string): ParamSpec {
  const match = SPEC.exec(spec);
  if (!match) throw new Error(`Method ${methodName}: param ${name} has a malformed spec "${spec}"`);
  return { name, type: "string", required: match[2] === "Mandatory", label: match[3]! };
}

/** Loads the simulator's own catalogue (simulator/data/methods.json), checked at boot. */
export function loadCatalogue(file = new URL("./data/methods.json", import.meta.url)): Map<string, Method> {
  const raw: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  const parsed = z.object({ methods: z.array(methodSchema) }).parse(raw);
  const methods = new Map<string, Method>();
  for (const method of parsed.methods) {
    const params = Object.entries(method.payout_method_params).map(([name, spec]) =>
      parseParamSpec(method.payout_method_name, name, spec),
    );
    if (params.some((p) => p.name === "bank_code") && method.banks.length === 0) {
      throw new Error(`Method ${method.payout_method_name}: has bank_code but no banks`);
    }
    methods.set(method.payout_method_name, { ...method, params });
  }
  return methods;
}
