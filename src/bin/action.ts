// `node dist/action.js <action>`: the composite actions' entry.
import { runAction } from "../action.js";

process.exitCode = await runAction(process.argv[2]);
