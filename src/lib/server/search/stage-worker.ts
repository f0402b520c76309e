/**
 * The stage thread of `rebuildSearchIndex` (rebuild.ts): writes the tokenised rooms into the stage
 * (index-stage.ts), merges it, then installs it in the live database on a connection of its own
 * (index-install.ts). FTS5 building is the CPU-heavy half of a rebuild and runs here, so the thread
 * that asked for the rebuild (a CLI, or a server) only passes messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db';
import { installIndexStage } from './index-install';
import { openIndexStage } from './index-stage';
import type { StageReply, StageRequest, StageWorkerData } from './stage-thread';

const { file, stageFile, definitions } = workerData as StageWorkerData;
const stage = openIndexStage(stageFile, definitions);

async function handle(request: StageRequest): Promise<StageReply> {
	switch (request.kind) {
		case 'add':
			stage.add(request.rows);
			return { id: request.id, result: null };
		case 'finish':
			return { id: request.id, result: stage.finish() };
		case 'install': {
			const db = openDatabase(file, { migrate: false });
			try {
				const result = await installIndexStage(db.$client, stageFile, request.fromSeq, {
					targetMs: request.targetMs,
				});
				return { id: request.id, result };
			} finally {
				db.$client.close();
			}
		}
		case 'discard':
			stage.discard();
			return { id: request.id, result: null };
	}
}

parentPort!.on('message', (request: StageRequest) => {
	handle(request).then(
		(reply) => parentPort!.postMessage(reply),
		(error: Error) => parentPort!.postMessage({ id: request.id, error: error.message }),
	);
});
