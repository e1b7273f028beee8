package dev.ledger.faultsuite.faults;

import dev.ledger.faultsuite.process.JavaService;

/** SIGSTOP, then SIGCONT: the process keeps its sockets and connections but answers nothing meanwhile. */
final class PauseProcess implements Fault {

    private final JavaService service;

    PauseProcess(JavaService service) {
        this.service = service;
    }

    @Override
    public String target() {
        return service.name();
    }

    @Override
    public String inject() {
        service.pause();
        return "SIGSTOP";
    }

    @Override
    public void heal() {
        service.resume();
    }
}
