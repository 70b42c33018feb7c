import type { MethodForForm } from "./schemas";

/** Maya as the provider documents it (min 200, max 50,000 PHP), for tests of forms and CSV rows. */
export const mayaMethod: MethodForForm = {
  name: "ph_bank_maya_php",
  label: "PHP Bank Maya",
  currency: "PHP",
  country: "PH",
  minAmount: "200",
  maxAmount: "50000",
  fields: [
    { key: "account_number", type: "string", required: true, label: "Bank Account Number" },
    { key: "account_name", type: "string", required: true, label: "Account Holder Name" },
    { key: "bank_code", type: "string", required: true, label: "Bank Code" },
  ],
  banks: [{ code: "600", name: "GCASH" }],
};
