/** The consumer on RabbitMQ: its queue and bindings, and the listener that feeds the inbox. */
package dev.ledger.consumer.amqp;
