package dev.ledger.faultsuite.faults;

import dev.ledger.faultsuite.process.JavaService;

/** kill -9, then, on healing, a fresh start of the same jar on the same port and database. */
final class KillProcess implements Fault {

    private final JavaService service;

    KillProcess(JavaService service) {
        this.service = service;
    }

    @Override
    public String target() {
        return service.name();
    }

    @Override
    public String inject() {
        service.kill();
        return "SIGKILL";
    }

    @Override
    public void heal() {
        service.start();
    }
}
