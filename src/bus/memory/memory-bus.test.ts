import { busContract } from "../bus-contract.ts";
import { MemoryBus } from "./memory-bus.ts";

busContract("memory", async () => new MemoryBus());
