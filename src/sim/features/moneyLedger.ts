/**
 * The money side of the calls (scenario `afterCall` or `costs`, or chats and tickets that make
 * customers call): each call's after-call fate and the cost of the extra calls poor service
 * causes, counted by the money ledger (money/ledger.ts) from the call records as the book
 * writes them, and added to the book when the run is over.
 */
import { MoneyLedger } from '../../money/ledger.ts';
import type { Feature, Host } from '../feature.ts';

export class MoneyBooks implements Feature {
  private readonly ledger: MoneyLedger;

  constructor(private readonly host: Host) {
    this.ledger = new MoneyLedger(host.model, host.replication);
    const ledger = this.ledger;
    host.book.listen((record) => ledger.add(record));
  }

  close(): void {
    this.host.book.addTallies(this.ledger.total, this.ledger.intervals);
  }
}
