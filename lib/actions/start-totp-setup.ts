"use server";

import QRCode from "qrcode";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { totpEncryptionKey } from "@/lib/auth/totp-key";
import { startTotpSetup } from "@/lib/auth/totp-setup";

/** "Set up an authenticator app": a new secret as a QR code and as text, confirmed by the next action. */
export const startTotpSetupAction = defineAction(
  { name: "user.totp_setup_start", schema: z.object({}), permission: "batches.view" },
  async (ctx) => {
    const { secret, uri } = await startTotpSetup(ctx, { key: totpEncryptionKey() });
    const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}` };
  },
);
