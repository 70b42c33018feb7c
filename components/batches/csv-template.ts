import type { MethodForForm } from "@/lib/methods/schemas";
import { transactionColumns } from "@/lib/methods/transaction-schema";

// "Download CSV template": the header the importer reads without a mapping step, and one example
// row that passes the method's rules; the banks list is a second file (code,name).

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function exampleValue(method: MethodForForm, csvHeader: string, path: string): string {
  switch (path) {
    case "first_name": return "Juan";
    case "last_name": return "Dela Cruz";
    case "email": return "juan.delacruz@example.org";
    case "amount": return method.minAmount ?? "100.00";
    case "external_id": return "INV-0001";
    default:
  }
  if (csvHeader === "bank_code") return method.banks[0]?.code ?? "";
  if (csvHeader === "account_name") return "Juan Dela Cruz";
  if (csvHeader.includes("account") || csvHeader.includes("number")) return "000123456789";
  return "";
}

export function csvTemplate(method: MethodForForm): string {
  const columns = transactionColumns(method);
  const header = columns.map((column) => column.csvHeader).join(",");
  const example = columns.map((column) => csvCell(exampleValue(method, column.csvHeader, column.path))).join(",");
  return `${header}\r\n${example}\r\n`;
}

export function banksList(method: MethodForForm): string {
  return `code,name\r\n${method.banks.map((bank) => `${csvCell(bank.code)},${csvCell(bank.name)}`).join("\r\n")}\r\n`;
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const downloadCsvTemplate = (method: MethodForForm) => download(`${method.name}-template.csv`, csvTemplate(method));
export const downloadBanksList = (method: MethodForForm) => download(`${method.name}-banks.csv`, banksList(method));
