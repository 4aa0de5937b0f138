import { z } from "zod";
import { isoDate, nextToken, pageOf, parseInput } from "./api-input.ts";
import type { FleetrunOperation } from "./fleetrun-api-context.ts";

/** ListDeliveries {Source?, Status?, MaxResults?, NextToken?} → {Deliveries: [...]}, newest first. */
const listDeliveries: FleetrunOperation = async (ctx, input) => {
  const parsed = parseInput(
    z.object({
      Source: z.string().min(1).max(300).optional(),
      Status: z.enum(["Pending", "Delivered", "Failed"]).optional(),
      MaxResults: z.number().int().min(1).max(50).optional(),
      NextToken: z.string().optional(),
    }),
    input,
  );
  await ctx.authz.require("fleetrun:ListDeliveries", "*");
  const page = pageOf(parsed);
  const deliveries = await ctx.store.listDeliveries(
    {
      ...(parsed.Source === undefined ? {} : { source: parsed.Source }),
      ...(parsed.Status === undefined ? {} : { status: parsed.Status }),
    },
    page,
  );
  return {
    Deliveries: deliveries.items.map((d) => ({
      DeliveryId: d.deliveryId,
      Source: d.source,
      Endpoint: d.endpoint,
      Status: d.status,
      Attempts: d.attempts,
      LastStatus: d.lastStatus,
      LastError: d.lastError,
      Response: d.response,
      Body: d.body,
      CreatedDate: isoDate(d.createdAt),
      UpdatedDate: isoDate(d.updatedAt),
    })),
    ...nextToken(page, deliveries.more),
  };
};

/** The delivery operations by name. */
export const DELIVERY_OPERATIONS: Readonly<Record<string, FleetrunOperation>> = { ListDeliveries: listDeliveries };
